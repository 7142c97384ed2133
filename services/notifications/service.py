"""The notifications service: tells people what happened, in their own language."""
from services.notifications import contacts, duo_messages, held, messages
from services.notifications.dispatcher import DeliveryDispatcher
from services.notifications.held import needs_contact
from services.notifications.queries import NotificationQueries
from services.notifications.models import Base
from services.notifications.sending import Sender
from services.shared.database import Database
from services.shared.handlers import on_event
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService


class NotificationsService(NotificationQueries, BackboneService):
    name = "notifications"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    dispatcher = DeliveryDispatcher()

    @property
    def sender(self) -> Sender:
        return Sender.from_config(self.config)

    @on_event("intake", "application_received")
    def confirm_application(self, event):
        messages.confirm_application(self.db, self.sender, event)
        self._release_held(event.data["person_id"])

    @on_event("intake", "intake_scheduled")
    @needs_contact
    def invite_to_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_invitation")

    @on_event("intake", "intake_rescheduled")
    @needs_contact
    def move_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_moved")

    @on_event("intake", "intake_cancelled")
    @needs_contact
    def cancel_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_cancelled", cancelled=True)

    @on_event("intake", "participant_screened", version=2)
    @needs_contact
    def tell_participant_decision(self, event):
        messages.tell_decision(self.db, self.sender, event)

    @on_event("intake", "buddy_screened", version=2)
    @needs_contact
    def tell_buddy_decision(self, event):
        messages.tell_decision(self.db, self.sender, event)

    @on_event("intake", "buddy_invited")
    @needs_contact
    def send_buddy_invitation(self, event):
        messages.invite_buddy(self.db, self.sender, event)

    @on_event("matching", "match_proposed")
    @needs_contact
    def tell_match_proposed(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "match_proposed")

    @on_event("matching", "introduction_scheduled")
    @needs_contact
    def invite_to_introduction(self, event):
        duo_messages.invite_both(self.db, self.sender, event)

    @on_event("matching", "match_declined")
    @needs_contact
    def tell_match_declined(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "match_declined")

    @on_event("matching", "duo_formed")
    @needs_contact
    def tell_duo_formed(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "duo_formed",
                               planned_end_on=event.data["planned_end_on"])

    @on_event("matching", "duo_ended")
    @needs_contact
    def tell_duo_ended(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "duo_ended",
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
