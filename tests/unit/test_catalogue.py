"""The event catalogue and the services agree: every listed consumer is a handler, every
handler is listed (handler names name the queues, so they are part of the wire contract)."""
import inspect

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from services import SERVICES
from services.run import service_class
from services.shared.handlers import ReliableEventHandler
from services.shared.wire import PLATFORM


def handlers_in_code() -> set[tuple[str, str, str, int]]:
    """(handler, producer, event type, version) for every @on_event method of the services."""
    found = set()
    for name in SERVICES:
        cls = service_class(name)
        for method_name, method in inspect.getmembers(cls, inspect.isfunction):
            for entrypoint in getattr(method, ENTRYPOINT_EXTENSIONS_ATTR, ()):
                if isinstance(entrypoint, ReliableEventHandler):
                    found.add((f"{cls.name}.{method_name}", entrypoint.source_service,
                               entrypoint.event_type, entrypoint.version))
    return found


def handlers_in_catalogue() -> set[tuple[str, str, str, int]]:
    return {(handler, c.producer, c.type, c.version) for c in PLATFORM for handler in c.consumers}


def test_every_handler_in_the_code_is_in_the_catalogue_and_back():
    assert handlers_in_code() == handlers_in_catalogue()


def test_every_event_has_a_producer_among_the_services_and_says_who_consumes_it():
    for contract in PLATFORM:
        assert contract.producer in SERVICES, contract.type
        assert contract.type.islower() and " " not in contract.type
        if not contract.consumers:  # published without `mandatory`: nobody is meant to listen
            assert "no consumer yet" in contract.summary, contract.type


def test_every_service_class_is_named_as_in_the_registry():
    assert {name: service_class(name).name for name in SERVICES} == {n: n for n in SERVICES}


def test_docs_events_md_is_the_catalogue_as_it_is_in_the_code():
    from services.shared.config import ROOT
    from services.shared.wire.document import render
    written = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert written == render(PLATFORM), "run: python -m services.manage catalogue > docs/events.md"
