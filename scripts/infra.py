"""Make sure RabbitMQ, PostgreSQL and Redis are installed, running, and hold this platform's
vhost and database. Starts local servers that are down; installs missing ones from Debian's
packages when run as root, and otherwise says exactly what to install.

    python scripts/infra.py            # uses AMQP_URI and DATABASE_URL (config.yml defaults)
    python scripts/infra.py --browser  # and Chromium for the browser tests (Debian's package)
"""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, unquote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from services.shared.config import load_config  # noqa: E402

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PACKAGES = {"rabbitmq-server": "rabbitmq-server", "pg_ctlcluster": "postgresql",
            "redis-server": "redis-server"}


def say(message):
    print(f"[infra] {message}", flush=True)


def port_open(host, port, timeout=1.0):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_for_port(host, port, what, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_open(host, port):
            return
        time.sleep(0.5)
    sys.exit(f"[infra] {what} did not start listening on {host}:{port} within {seconds} s")


def install_missing():
    missing = sorted({pkg for cmd, pkg in PACKAGES.items() if not shutil.which(cmd)})
    if not missing:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say(f"installing {' '.join(missing)} from the distribution's packages")
        env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, env=env)
        return
    sys.exit("[infra] missing: " + ", ".join(missing) + ". Install them first, e.g.\n"
             f"    sudo apt-get install {' '.join(missing)}\n"
             "or point AMQP_URI, DATABASE_URL and REDIS_URL at servers that run elsewhere.")


def ensure_rabbitmq(uri):
    host, port = uri.hostname or "127.0.0.1", uri.port or 5672
    if port_open(host, port):
        return
    if host not in LOCAL_HOSTS:
        sys.exit(f"[infra] RabbitMQ at {host}:{port} is unreachable (AMQP_URI)")
    say("RabbitMQ is down: starting it (rabbitmq-server -detached)")
    subprocess.run(["rabbitmq-server", "-detached"], check=True)
    wait_for_port(host, port, "RabbitMQ")
    subprocess.run(["rabbitmqctl", "-q", "await_startup"], check=True, timeout=120)


def ensure_management(uri, config):
    """RabbitMQ's management API, through which `setup` gives each service its own broker
    user (services/shared/broker_users.py); not needed with BROKER_USERS=shared."""
    if (config.get("BROKER_USERS") or "per_service") == "shared":
        return
    api = urlsplit(config.get("RABBITMQ_MANAGEMENT_URL") or f"http://{uri.hostname}:15672")
    host, port = api.hostname, api.port or 15672
    if port_open(host, port):
        return
    if host not in LOCAL_HOSTS or not shutil.which("rabbitmq-plugins"):
        sys.exit(f"[infra] RabbitMQ's management API at {host}:{port} is unreachable: enable it there "
                 "(rabbitmq-plugins enable rabbitmq_management), set RABBITMQ_MANAGEMENT_URL, or run "
                 "every service as one broker user with BROKER_USERS=shared")
    say("enabling RabbitMQ's management API (rabbitmq-plugins enable rabbitmq_management): "
        "each service gets its own broker user through it")
    subprocess.run(["rabbitmq-plugins", "-q", "enable", "rabbitmq_management"], check=True, timeout=120)
    wait_for_port(host, port, "RabbitMQ's management API", seconds=60)


def ensure_postgres(url):
    host, port = url.hostname or "127.0.0.1", url.port or 5432
    if port_open(host, port):
        return
    if host not in LOCAL_HOSTS:
        sys.exit(f"[infra] PostgreSQL at {host}:{port} is unreachable (DATABASE_URL)")
    versions = sorted(Path("/etc/postgresql").iterdir(), key=lambda p: [int(x) for x in p.name.split(".")])
    say(f"PostgreSQL is down: starting cluster {versions[-1].name}/main")
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main", "start"],
                   check=True)
    wait_for_port(host, port, "PostgreSQL")


def ensure_redis(uri):
    """Redis holds only what gateway processes share and may lose (the flood limits): it is
    started without keeping anything on disk."""
    host, port = uri.hostname or "127.0.0.1", uri.port or 6379
    if port_open(host, port):
        return
    if host not in LOCAL_HOSTS:
        sys.exit(f"[infra] Redis at {host}:{port} is unreachable (REDIS_URL)")
    say("Redis is down: starting it (redis-server --daemonize yes, nothing kept on disk)")
    subprocess.run(["redis-server", "--daemonize", "yes", "--bind", host, "--port", str(port),
                    "--save", "", "--appendonly", "no"], check=True)
    wait_for_port(host, port, "Redis", seconds=30)


def ensure_vhost(uri):
    """Create the AMQP_URI's vhost (and grant its user) when it does not exist yet."""
    import kombu
    vhost = unquote(uri.path.lstrip("/")) or "/"
    try:
        with kombu.Connection(uri.geturl(), connect_timeout=5) as conn:
            conn.ensure_connection(max_retries=1)
            return
    except Exception:  # noqa: BLE001 - any failure means: try to create the vhost
        pass
    if not shutil.which("rabbitmqctl"):
        sys.exit(f"[infra] cannot open vhost {vhost!r} and rabbitmqctl is not here to create it")
    say(f"creating RabbitMQ vhost {vhost!r}")
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", vhost], check=False)
    subprocess.run(["rabbitmqctl", "-q", "set_permissions", "-p", vhost, uri.username or "guest",
                    ".*", ".*", ".*"], check=True)


def ensure_database(url):
    """Create the DATABASE_URL's database when it does not exist yet."""
    import psycopg
    name = url.path.lstrip("/")
    admin = psycopg.conninfo.make_conninfo(host=url.hostname, port=url.port or 5432,
                                            user=url.username or "postgres", dbname="postgres",
                                            password=url.password or None)
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return
        say(f"creating database {name!r}")
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_browser():
    """Debian's Chromium, which Playwright drives (a browser it downloads itself cannot run here)."""
    if shutil.which("chromium"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("installing chromium from the distribution's packages (for the browser tests)")
        env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env)
        return
    sys.exit("[infra] the browser tests need Chromium: sudo apt-get install chromium")


def main():
    config = load_config()
    if "--browser" in sys.argv[1:]:
        ensure_browser()
    amqp = urlsplit(config["AMQP_URI"])
    database = urlsplit(config["DATABASE_URL"].replace("+psycopg", ""))
    redis = urlsplit(config["REDIS_URL"])
    if {amqp.hostname, database.hostname, redis.hostname} & LOCAL_HOSTS:
        install_missing()
    ensure_postgres(database)
    ensure_rabbitmq(amqp)
    ensure_redis(redis)
    ensure_vhost(amqp)
    ensure_management(amqp, config)
    ensure_database(database)
    say(f"RabbitMQ {amqp.hostname}:{amqp.port or 5672}{amqp.path}, PostgreSQL "
        f"{database.hostname}:{database.port or 5432}{database.path} and Redis "
        f"{redis.hostname}:{redis.port or 6379} are ready")


if __name__ == "__main__":
    main()
