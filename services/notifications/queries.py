"""What the coordinator and the public pages ask of notifications: the delivery log, a person's
data, template previews, and opting out."""
from sqlalchemy import select

from services.notifications import contacts, deliveries, samples
from services.notifications.models import Contact, Delivery
from services.notifications.templates import TEMPLATES, languages_of, render, render_sms
from services.shared.errors import NotFound
from services.shared.models import is_uuid
from services.shared.caller import anyone, scoped
from services.shared.service import command, jsonable, load
from services.shared.wire import notifications as wire


class NotificationQueries:
    @command(scoped("notifications:read"))
    def list_deliveries(self, filters: dict = None) -> list[dict]:
        found = deliveries.search(self.db, **load(wire.DeliveryFilter(), filters))
        return wire.DeliveryView(many=True).dump(found)

    @command(scoped("notifications:read"))
    def count_deliveries(self, filters: dict = None) -> int:
        """How many deliveries match DeliveryFilter (its limit and offset aside)."""
        found = load(wire.DeliveryFilter(), filters)
        return deliveries.count(self.db, **{k: v for k, v in found.items() if k not in ("limit", "offset")})

    @command(scoped("notifications:read"))
    def get_delivery_summary(self, filters: dict = None) -> dict:
        found = deliveries.summary(self.db, **load(wire.SummaryFilter(), filters))
        return wire.DeliverySummary().dump(found)

    @command(scoped("people:export"))
    def export_person(self, person_id: str) -> dict:
        """What notifications holds about a person (`people:export`): {"contact",
        "messages"}. NotAuthenticated, Forbidden."""
        if not is_uuid(person_id):
            return {"contact": None, "messages": []}
        contact = self.db.get(Contact, str(person_id))
        sent = self.db.scalars(select(Delivery).where(Delivery.person_id == str(person_id)))
        kept = contact is not None and contact.erased_at is None
        return jsonable({"contact": {k: getattr(contact, k) for k in contacts.FIELDS} if kept else None,
                         "messages": wire.DeliveryView(many=True).dump(sent)})

    @command(scoped("notifications:read"))
    def list_templates(self) -> dict:
        """Each template with the languages it is written in."""
        return {name: languages_of(name) for name in sorted(samples.SAMPLES)}

    @command(scoped("notifications:read"))
    def preview_template(self, template: str, language: str, with_dutch: bool = True) -> dict:
        """A template rendered with sample data, as email and as text message."""
        if template not in samples.SAMPLES or not (TEMPLATES / template).is_dir():
            raise NotFound("No such template.")
        context = {**samples.SAMPLES[template], "first_name": samples.FIRST_NAME,
                   "opt_out_url": f"{self.sender.base_url}/stop/sample", "privacy_url": self.sender.privacy_url}
        email = render(template, str(language), context, with_dutch=with_dutch)
        sms = render_sms(template, str(language), context, f"{self.sender.base_url}/status/sample")
        return wire.PreviewView().dump({"template": template, "language": email.languages[0],
                                        "subject": email.subject, "text": email.text, "html": email.html,
                                        "sms": sms.text, "content_language": ", ".join(email.languages)})

    @command(anyone("the token it is given is its own proof"))
    def opt_out(self, token: str, opted_out: bool = True) -> dict:
        """The person's own choice, from the stop link of a message sent before intake minted
        the links (newer links go through intake.open_link and set_opt_out):
        {"language", "opted_out": bool}; NotFound for any other token."""
        contact = contacts.opt_out(self.db, str(token), bool(opted_out))
        self.db.commit()
        return {"language": contact.language, "opted_out": contact.opted_out_at is not None}

    @command(anyone("the token it is given is its own proof"))
    def opt_out_status(self, token: str) -> dict:
        """Whether the holder of an older stop link opted out: {"language", "opted_out"}."""
        contact = contacts.by_legacy_link(self.db, str(token))
        return {"language": contact.language, "opted_out": contact.opted_out_at is not None}

    @command(scoped("notifications:read", "own:read"))
    def get_opt_out(self, person_id: str) -> dict:
        """Whether a person opted out of messages: {"person_id", "opted_out": bool,
        "opted_out_at": ISO time or None}; not opted out when notifications does not know them.
        A coordinator, or the person themselves (the holder of their stop link)."""
        self.caller.may_act_on(person_id, "notifications:read", "own:read")
        contact = self.db.get(Contact, str(person_id)) if is_uuid(person_id) else None
        since = contact.opted_out_at if contact is not None and contact.erased_at is None else None
        return jsonable({"person_id": str(person_id), "opted_out": since is not None, "opted_out_at": since})

    @command(scoped("notifications:write", "own:write"))
    def set_opt_out(self, person_id: str, data: dict) -> dict:
        """The coordinator records a person's wish (by phone, at the desk, …), or the person
        themselves from their stop link: {"person_id", "opted_out"}."""
        self.caller.may_act_on(person_id, "notifications:write", "own:write")
        if not is_uuid(person_id):
            raise NotFound("No contact details for this person.")
        contact = contacts.set_opt_out(self.db, person_id, load(wire.OptOutInput(), data)["opted_out"])
        self.db.commit()
        return {"person_id": contact.person_id, "opted_out": contact.opted_out_at is not None}
