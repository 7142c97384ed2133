"""Operating the platform from the command line.

    python -m services.manage setup              migrate every service (and its database role),
                                                 declare the topology, give each its broker user
    python -m services.manage migrate [SERVICE]  run migrations (all services by default)
    python -m services.manage topology           declare exchanges, queues and bindings
    python -m services.manage connections [--instances N]  PostgreSQL connections each may open
    python -m services.manage parked [--all]     list parked messages of every service
    python -m services.manage replay SERVICE ID  put a parked message back in its queue
    python -m services.manage create-coordinator EMAIL NAME   (password: $COORDINATOR_PASSWORD)
    python -m services.manage demo               load the demo data once
    python -m services.manage catalogue          the event catalogue as Markdown (docs/events.md)
"""
from services.shared import boot  # noqa: F401,I001 - first: environment and monkey patching

import argparse
import getpass
import importlib
import os
import sys

import kombu

from services import SERVICES
from services.shared import broker_users, connections, migrations, parking, topology
from services.shared.config import database_url, load_config
from services.shared.database import make_engine, session_factory
from services.shared.errors import DomainError
from services.shared.wire import PLATFORM


def service_session(config, service):
    """A session on `service`'s own schema, as the service itself would open it."""
    models = importlib.import_module(f"services.{service}.models")
    engine = make_engine(database_url(config, service), f"manage-{service}", pool_size=1)
    return session_factory(engine, models.Base.metadata, PLATFORM)()


def migrate(config, args):
    for service in [args.service] if args.service else SERVICES:
        migrations.upgrade(service, config["DATABASE_URL"])  # as the administrator
        print(f"{service}: migrated to head")


def declare_topology(config, args):
    with kombu.Connection(config["AMQP_URI"], connect_timeout=10) as connection:
        topology.declare(connection.default_channel, PLATFORM)
    print(f"topology declared: {len(topology.queues_for(PLATFORM))} event queues")


def provision_broker_users(config, args):
    if broker_users.per_service(config):
        broker_users.provision(config, PLATFORM, broker_users.USERS)
        print(f"broker users: {', '.join(broker_users.user_name(config, s) for s in broker_users.USERS)}")


def setup(config, args):
    args.service = None
    migrate(config, args)
    declare_topology(config, args)
    provision_broker_users(config, args)


def show_connections(config, args):
    engine = make_engine(config["DATABASE_URL"], "manage-connections", pool_size=1)
    with engine.connect() as connection:
        limit = int(connection.exec_driver_sql("SHOW max_connections").scalar())
        reserved = int(connection.exec_driver_sql("SHOW superuser_reserved_connections").scalar())
    engine.dispose()
    budgets = connections.platform_budgets(config, args.instances)
    print("\n".join(connections.report(budgets, limit, reserved)))


def list_parked(config, args):
    found = 0
    for service in SERVICES:
        with service_session(config, service) as session:
            for row in parking.list_parked(session, include_replayed=args.all):
                found += 1
                replayed = f"  replayed {row['replayed_at']:%Y-%m-%d %H:%M}" if row["replayed_at"] else ""
                print(f"{service} #{row['id']}  {row['parked_at']:%Y-%m-%d %H:%M}  {row['event_type']} "
                      f"{row['message_id']}  -> {row['handler']}  ({row['reason']}: "
                      f"{row['last_error'] or 'no error recorded'}){replayed}")
    print(f"{found} parked message(s)" + ("" if found else " — nothing to do"))


def replay(config, args):
    with service_session(config, args.service) as session:
        row = parking.replay(session, args.id, config["AMQP_URI"])
    print(f"replayed {args.service} #{args.id} ({row['message_id']}) into {row['queue']}")


def create_coordinator(config, args):
    from services.intake import accounts
    password = os.environ.get("COORDINATOR_PASSWORD") or getpass.getpass("Password: ")
    with service_session(config, "intake") as session:
        account = accounts.create_account(session, args.email, password, "coordinator", args.name)
        session.commit()
    print(f"coordinator {account.email} created")


def demo(config, args):
    from services.demo import load_demo
    load_demo(config)


def catalogue(config, args):
    from services.shared.wire.document import render
    print(render(PLATFORM), end="")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m services.manage", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("setup").set_defaults(run=setup)
    sub = commands.add_parser("migrate")
    sub.add_argument("service", nargs="?", choices=list(SERVICES))
    sub.set_defaults(run=migrate)
    commands.add_parser("topology").set_defaults(run=declare_topology)
    sub = commands.add_parser("connections")
    sub.add_argument("--instances", type=int, default=1, help="instances of each service")
    sub.set_defaults(run=show_connections)
    sub = commands.add_parser("parked")
    sub.add_argument("--all", action="store_true", help="include replayed messages")
    sub.set_defaults(run=list_parked)
    sub = commands.add_parser("replay")
    sub.add_argument("service", choices=list(SERVICES))
    sub.add_argument("id", type=int)
    sub.set_defaults(run=replay)
    sub = commands.add_parser("create-coordinator")
    sub.add_argument("email")
    sub.add_argument("name")
    sub.set_defaults(run=create_coordinator)
    commands.add_parser("demo").set_defaults(run=demo)
    commands.add_parser("catalogue").set_defaults(run=catalogue)
    return root


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        args.run(load_config(), args)
    except DomainError as exc:
        sys.exit(f"error: {exc.message}")


if __name__ == "__main__":
    main()
