"""The notifications service: tells people what happened, in their own language."""
from services.notifications import deliveries, messages
from services.notifications.dispatcher import DeliveryDispatcher
from services.notifications.models import Base
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService, command, load
from services.shared.wire.notifications import DeliveryFilter, DeliveryView


class NotificationsService(BackboneService):
    name = "notifications"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    dispatcher = DeliveryDispatcher()

    @on_event("intake", "application_received")
    def confirm_application(self, event):
        messages.confirm_application(self.db, event)

    @command
    def list_deliveries(self, filters: dict = None) -> list[dict]:
        found = deliveries.search(self.db, **load(DeliveryFilter(), filters))
        return DeliveryView(many=True).dump(found)
