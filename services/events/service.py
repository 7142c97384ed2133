"""The events service (activities): on the backbone, answering health."""
from services.events.models import Base
from services.shared.database import Database
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService


class EventsService(BackboneService):
    name = "events"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
