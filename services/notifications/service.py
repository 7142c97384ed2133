"""The notifications service: tells people what happened, in their own language."""
from sqlalchemy import select

from services.notifications import contacts, deliveries, duo_messages, held, messages
from services.notifications.dispatcher import DeliveryDispatcher
from services.notifications.held import needs_contact
from services.notifications.models import Base, Contact, Delivery
from services.shared.config import public_base_url
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.models import is_uuid
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService, command, jsonable, load
from services.shared.wire.notifications import DeliveryFilter, DeliveryView


class NotificationsService(BackboneService):
    name = "notifications"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    dispatcher = DeliveryDispatcher()

    @on_event("intake", "application_received")
    def confirm_application(self, event):
        messages.confirm_application(self.db, event)
        self._release_held(event.data["person_id"])

    @on_event("intake", "intake_scheduled")
    @needs_contact
    def invite_to_intake(self, event):
        messages.about_interview(self.db, event, "intake_invitation", self.config["SMTP_FROM"])

    @on_event("intake", "intake_rescheduled")
    @needs_contact
    def move_intake(self, event):
        messages.about_interview(self.db, event, "intake_moved", self.config["SMTP_FROM"])

    @on_event("intake", "intake_cancelled")
    @needs_contact
    def cancel_intake(self, event):
        messages.about_interview(self.db, event, "intake_cancelled", self.config["SMTP_FROM"],
                                 cancelled=True)

    @on_event("intake", "participant_screened", version=2)
    @needs_contact
    def tell_participant_decision(self, event):
        messages.tell_decision(self.db, event)

    @on_event("intake", "buddy_screened", version=2)
    @needs_contact
    def tell_buddy_decision(self, event):
        messages.tell_decision(self.db, event)

    @on_event("intake", "buddy_invited")
    @needs_contact
    def send_buddy_invitation(self, event):
        messages.invite_buddy(self.db, event)

    @on_event("matching", "match_proposed")
    @needs_contact
    def tell_match_proposed(self, event):
        duo_messages.tell_both(self.db, event, "match_proposed", public_base_url(self.config))

    @on_event("matching", "introduction_scheduled")
    @needs_contact
    def invite_to_introduction(self, event):
        duo_messages.invite_both(self.db, event, public_base_url(self.config), self.config["SMTP_FROM"])

    @on_event("matching", "match_declined")
    @needs_contact
    def tell_match_declined(self, event):
        duo_messages.tell_both(self.db, event, "match_declined", public_base_url(self.config))

    @on_event("matching", "duo_formed")
    @needs_contact
    def tell_duo_formed(self, event):
        duo_messages.tell_both(self.db, event, "duo_formed", public_base_url(self.config),
                               planned_end_on=event.data["planned_end_on"])

    @on_event("matching", "duo_ended")
    @needs_contact
    def tell_duo_ended(self, event):
        duo_messages.tell_both(self.db, event, "duo_ended", public_base_url(self.config),
                               reason=event.data["reason"])

    @on_event("intake", "person_contact_updated")
    def update_contact(self, event):
        contacts.remember(self.db, event.data)
        self._release_held(event.data["person_id"])

    @on_event("intake", "person_erased")
    def forget_person(self, event):
        held.lock_person(self.db, event.data["person_id"])
        contacts.forget(self.db, event.data["person_id"])
        held.forget(self.db, event.data["person_id"])

    def _release_held(self, person_id):
        """The contact has arrived: handle what was waiting for it, in the order it came."""
        held.lock_person(self.db, person_id)
        for handler, event in held.release(self.db, person_id, self.catalogue):
            getattr(type(self), handler).__wrapped__(self, event)

    @command
    def list_deliveries(self, filters: dict = None) -> list[dict]:
        found = deliveries.search(self.db, **load(DeliveryFilter(), filters))
        return DeliveryView(many=True).dump(found)

    @command
    def export_person(self, person_id: str, actor_id: str = None) -> dict:
        if not is_uuid(person_id):
            return {"contact": None, "messages": []}
        contact = self.db.get(Contact, str(person_id))
        sent = self.db.scalars(select(Delivery).where(Delivery.person_id == str(person_id)))
        kept = contact is not None and contact.erased_at is None
        return jsonable({"contact": {k: getattr(contact, k) for k in contacts.FIELDS} if kept else None,
                         "messages": DeliveryView(many=True).dump(sent)})
