"""The notifications service: tells people what happened, in their own language.

Every message follows its subject's order (ordering.py, IN_ORDER): "you are a duo" never
before "we found you a buddy", an interview's move never before its invitation. So this
service consumes every event of the `person` and `duo` subjects, some only to note that
their revision has been applied.
"""
from services.notifications import contacts, deliveries, duo_messages, messages
from services.notifications.dispatcher import DeliveryDispatcher
from services.notifications.held import missing_contact
from services.notifications.models import Base
from services.notifications.queries import NotificationQueries
from services.notifications.sending import Sender
from services.shared.database import Database
from services.shared.forgetting import forget_copies
from services.shared.handlers import on_event
from services.shared.ordering import Order
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService

IN_ORDER = Order.IN_ORDER


class NotificationsService(NotificationQueries, BackboneService):
    name = "notifications"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    dispatcher = DeliveryDispatcher()

    @property
    def sender(self) -> Sender:
        return Sender.from_config(self.config)

    @on_event("intake", "application_received", version=2, order=IN_ORDER)
    def confirm_application(self, event):
        messages.confirm_application(self.db, self.sender, event)

    @on_event("intake", "intake_scheduled", order=IN_ORDER, awaits=missing_contact)
    def invite_to_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_invitation")

    @on_event("intake", "intake_rescheduled", order=IN_ORDER, awaits=missing_contact)
    def move_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_moved")

    @on_event("intake", "intake_cancelled", order=IN_ORDER, awaits=missing_contact)
    def cancel_intake(self, event):
        messages.about_interview(self.db, self.sender, event, "intake_cancelled", cancelled=True)

    @on_event("intake", "intake_completed", order=IN_ORDER)
    def note_intake_completed(self, event):
        """No message; the interview was held, so its reminder is withdrawn."""
        deliveries.cancel_reminders_like(self.db, event.data["person_id"], "intake-",
                                         "the interview was held")

    @on_event("intake", "participant_screened", version=2, order=IN_ORDER, awaits=missing_contact)
    def tell_participant_decision(self, event):
        messages.tell_decision(self.db, self.sender, event)

    @on_event("intake", "buddy_screened", version=2, order=IN_ORDER, awaits=missing_contact)
    def tell_buddy_decision(self, event):
        messages.tell_decision(self.db, self.sender, event)

    @on_event("intake", "person_profile_updated", order=IN_ORDER)
    def note_profile_updated(self, event):
        """No message: its revision is noted, so the person's next message need not wait."""

    @on_event("intake", "buddy_invited", version=2, order=IN_ORDER, awaits=missing_contact)
    def send_buddy_invitation(self, event):
        messages.invite_buddy(self.db, self.sender, event)

    @on_event("intake", "password_reset_requested", order=IN_ORDER, awaits=missing_contact)
    def send_password_reset(self, event):
        messages.send_password_reset(self.db, self.sender, event)

    @on_event("intake", "person_contact_updated", order=IN_ORDER)
    def update_contact(self, event):
        contacts.remember(self.db, event.data)

    @on_event("intake", "person_erased")
    def forget_person(self, event):
        """At once, whatever is still on its way (NEWER): what waited for the person is
        released, finds them erased, and is skipped."""
        contacts.forget(self.db, event.data["person_id"])
        forget_copies(self.db, event.data["person_id"])

    @on_event("matching", "match_proposed", order=IN_ORDER, awaits=missing_contact)
    def tell_match_proposed(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "match_proposed")

    @on_event("matching", "introduction_scheduled", order=IN_ORDER, awaits=missing_contact)
    def invite_to_introduction(self, event):
        duo_messages.invite_both(self.db, self.sender, event)

    @on_event("matching", "match_declined", order=IN_ORDER, awaits=missing_contact)
    def tell_match_declined(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "match_declined",
                               cancels_introduction="the proposal was declined")

    @on_event("matching", "duo_formed", order=IN_ORDER, awaits=missing_contact)
    def tell_duo_formed(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "duo_formed",
                               planned_end_on=event.data["planned_end_on"])
        duo_messages.withdraw_introduction(self.db, event.data, "the duo formed")

    @on_event("matching", "duo_changed", order=IN_ORDER)
    def note_duo_changed(self, event):
        """No message (a pause or extension is the coordinator's to explain): its revision
        is noted, so the duo's next message need not wait."""

    @on_event("matching", "duo_ended", order=IN_ORDER, awaits=missing_contact)
    def tell_duo_ended(self, event):
        duo_messages.tell_both(self.db, self.sender, event, "duo_ended",
                               reason=event.data["reason"])
        duo_messages.withdraw_introduction(self.db, event.data, "the duo ended")
