"""Run one service in this process:  python -m services.run intake
(or any nameko service class as module:Class, e.g. for tests)."""
from services.shared import boot  # noqa: F401,I001 - first: environment and monkey patching

import importlib
import sys

from services import SERVICES
from services.shared import broker_users
from services.shared.config import load_config
from services.shared.tracing import configure_logging


def service_class(spec: str):
    """The class a service name (or module:Class) stands for."""
    module, _, name = SERVICES.get(spec, spec).partition(":")
    return getattr(importlib.import_module(module), name)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.exit(f"usage: python -m services.run <{'|'.join(SERVICES)}>")
    cls = service_class(argv[0])
    config = broker_users.as_service(load_config(), cls.name)
    configure_logging(cls.name, config.get("LOG_LEVEL") or "INFO")
    from nameko.cli.run import run
    run([cls], config)


if __name__ == "__main__":
    main()
