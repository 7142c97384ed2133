"""Which message each workflow event sends, to whom, in which language."""
from sqlalchemy.orm import Session

from services.notifications import deliveries
from services.shared.contracts import Event


def confirm_application(session: Session, event: Event) -> None:
    """Thank the applicant and give them their status link, in their own language;
    participants get the Dutch text below it."""
    data = event.data
    person_id, template = str(data["person_id"]), "application_received"
    if not data.get("email"):
        deliveries.record_skipped(session, event.message_id, person_id, template, data["language"],
                                  "no email address to send the confirmation to")
        return
    context = {"first_name": data["first_name"], "role": data["role"], "status_url": data["status_url"]}
    deliveries.queue_email(session, event.message_id, person_id, data["email"], template,
                           data["language"], context, with_dutch=data["role"] == "participant")
