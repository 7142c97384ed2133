"""Each service on the broker as its own user, allowed its own exchanges and queues only.

The PostgreSQL roles (roles.py) keep a service out of another's tables; these users keep it
off another's exchanges and queues: intake cannot publish an event on matching's exchange,
read matching's queues, or delete them. What every user may do (RabbitMQ checks each name
against three regular expressions, per vhost):

- configure (declare, delete): the RPC exchange, its own events exchange, its RPC queue, its
  reply queues, its event queues and its parked queue;
- write (publish, bind a queue): the same, and its replay exchange;
- read (consume, bind from): the same, the exchanges of the producers it consumes from, its
  replay exchange and the dead-letter exchange;
- and on those topic exchanges, which binding keys (RabbitMQ's topic permissions): on the
  RPC exchange its own `<service>.*` and its own reply addresses `<service>-<uuid>`
  (rpc_replies.py), never `#` nor another's reply address, so a service cannot bind a queue
  that overhears calls and answers (a password on its way to sign-in) — not even the gateway's
  answers, whose address it sees in every request; on a producer's exchange only the event
  types the catalogue says it consumes.

Other services' queues and the shared exchanges are declared by `setup`, as the administrator
the AMQP_URI names; a service as its own user declares only what is its own (topology.py).

`provision` (in `services.manage setup`) creates the users through RabbitMQ's management API
($RABBITMQ_MANAGEMENT_URL, by default port 15672 on the broker's host, with the
administrator's name and password). A user is `<vhost>.<service>`, so two platforms on one
broker (the demo and the tests) never share one; its password is $<SERVICE>_BROKER_PASSWORD,
else one derived from SECRET_KEY. Each service then connects with `amqp_uri`, or the whole
$<SERVICE>_AMQP_URI. BROKER_USERS=shared connects everything as the administrator, as before.
"""
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import requests

from services import SERVICES
from services.shared import topology
from services.shared.contracts import Catalogue

MANAGEMENT_PORT = 15672
USERS = (*SERVICES, "gateway")  # every process of the platform that connects to the broker


@dataclass(frozen=True)
class Permissions:
    """RabbitMQ's three regular expressions for one user on one vhost, and per topic exchange
    the binding keys it may use (`topics`: exchange -> regular expression)."""
    configure: str
    write: str
    read: str
    topics: dict


REPLY_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # nameko's reply keys


def per_service(config: dict) -> bool:
    return (config.get("BROKER_USERS") or "per_service") != "shared"


def vhost_of(config: dict) -> str:
    return unquote(urlsplit(config["AMQP_URI"]).path.lstrip("/")) or "/"


def user_name(config: dict, service: str) -> str:
    """`<vhost>.<service>`: users are the broker's, not the vhost's, so the vhost is in the name."""
    vhost = vhost_of(config)
    return f"{'samenoppad' if vhost == '/' else vhost}.{service}"


def password(config: dict, service: str) -> str:
    """$<SERVICE>_BROKER_PASSWORD, else an HMAC of SECRET_KEY and the user's name."""
    explicit = os.environ.get(f"{service.upper()}_BROKER_PASSWORD")
    if explicit:
        return explicit
    secret = config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        raise RuntimeError(f"no broker password for {service}: set SECRET_KEY or "
                           f"{service.upper()}_BROKER_PASSWORD (or BROKER_USERS=shared)")
    return hmac.new(secret.encode(), f"broker-user:{user_name(config, service)}".encode(),
                    hashlib.sha256).hexdigest()


def amqp_uri(config: dict, service: str) -> str:
    """The URI `service` connects with (see the module docstring)."""
    explicit = os.environ.get(f"{service.upper()}_AMQP_URI")
    if explicit:
        return explicit
    if not per_service(config):
        return config["AMQP_URI"]
    parts = urlsplit(config["AMQP_URI"])
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    login = f"{quote(user_name(config, service), safe='')}:{quote(password(config, service), safe='')}"
    return urlunsplit((parts.scheme, f"{login}@{host}", parts.path, parts.query, parts.fragment))


def as_service(config: dict, service: str) -> dict:
    """`config` as `service` uses it: its own broker user (BROKER_USER names it). A name that
    is none of the platform's (a test's probe) connects as the administrator."""
    if not per_service(config) or service not in USERS:
        return dict(config)
    return {**config, "AMQP_URI": amqp_uri(config, service), "BROKER_USER": service}


def permissions(catalogue: Catalogue, service: str) -> Permissions:
    """What `service` may configure, write and read (see the module docstring)."""
    own = [topology.RPC_EXCHANGE.name, topology.event_exchange(service).name, f"rpc-{service}",
           f"rpc.reply-{service}-*", f"evt-*--{service}.*", topology.parked_queue_name(service)]
    consumed = {}  # producer -> the event types `service` consumes of it
    for contract in catalogue:
        if any(handler.split(".", 1)[0] == service for handler in contract.consumers):
            consumed.setdefault(contract.producer, set()).add(contract.type)
    replay = topology.replay_exchange_name(service)
    topics = {topology.RPC_EXCHANGE.name: f"^{re.escape(service)}(\\.\\*|-{REPLY_ID})$",
              **{topology.event_exchange(p).name: _any_of(sorted(types)) for p, types in consumed.items()}}
    return Permissions(
        configure=_any_of(own), write=_any_of([*own, replay]),
        read=_any_of([*own, replay, topology.DEAD_LETTER_EXCHANGE.name,
                      *(topology.event_exchange(p).name for p in sorted(consumed))]), topics=topics)


def _any_of(names: list[str]) -> str:
    """An anchored alternation of `names`, where `*` stands for one or more characters."""
    return "^(" + "|".join(re.escape(name).replace(r"\*", ".+") for name in names) + ")$"


def provision(config: dict, catalogue: Catalogue, services) -> None:
    """Create or update each service's user and its permissions on the vhost (idempotent).
    Raises RuntimeError naming what to do when the management API cannot be reached."""
    api, auth = _management(config)
    vhost = quote(vhost_of(config), safe="")
    for service in services:
        user = quote(user_name(config, service), safe="")
        rights = permissions(catalogue, service)
        _put(api, auth, f"users/{user}", {"password": password(config, service), "tags": ""})
        _put(api, auth, f"permissions/{vhost}/{user}", {
            "configure": rights.configure, "write": rights.write, "read": rights.read})
        for exchange, binding_keys in rights.topics.items():
            _put(api, auth, f"topic-permissions/{vhost}/{user}",
                 {"exchange": exchange, "write": ".*", "read": binding_keys})


def _management(config: dict) -> tuple[str, tuple[str, str]]:
    parts = urlsplit(config["AMQP_URI"])
    api = (config.get("RABBITMQ_MANAGEMENT_URL") or f"http://{parts.hostname}:{MANAGEMENT_PORT}").rstrip("/")
    return f"{api}/api", (unquote(parts.username or "guest"), unquote(parts.password or "guest"))


def _put(api: str, auth, path: str, body: dict) -> None:
    try:
        answer = requests.put(f"{api}/{path}", json=body, auth=auth, timeout=10)
    except requests.RequestException as exc:
        raise RuntimeError(f"RabbitMQ's management API at {api} cannot be reached ({type(exc).__name__}):"
                           " enable it (rabbitmq-plugins enable rabbitmq_management), point "
                           "RABBITMQ_MANAGEMENT_URL at it, or set BROKER_USERS=shared") from exc
    if answer.status_code not in (201, 204):
        raise RuntimeError(f"RabbitMQ refused to set up {path.split('/')[-1]}: "
                           f"{answer.status_code} {answer.text[:200]}")
