"""The platform's event catalogue: every event, its producer, its contract and its consumers.

The topology (queues and bindings) is derived from it, and each `@on_event` handler must be
listed here under the name of its method: handler names name queues, so they are part of the
wire contract. docs/events.md is the readable version of this catalogue.
"""
from services.shared.contracts import Catalogue
from services.shared.wire import duos, intake, notifications

PLATFORM = Catalogue([*intake.CONTRACTS, *duos.CONTRACTS, *notifications.CONTRACTS])
