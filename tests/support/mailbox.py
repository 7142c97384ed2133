"""Reading a person's inbox in the mail catcher the way they would: by what a mail says.

Emails go out on several SMTP connections at once, so two messages caused one right after the
other may arrive in either order; tests pick a mail by its content, never by its position."""
import icalendar

from tests.support.waiting import eventually


def mails_to(platform, person, count):
    """Wait until `person` has at least `count` mails; return all of them, oldest first."""
    return eventually(lambda: len(platform.mails(to=person["email"])) >= count
                      and platform.mails(to=person["email"]), timeout=20, message=f"{count} mails")


def mail_where(platform, person, matches, what: str):
    """Wait for the first mail to `person` for which `matches(mail)` holds, and return it."""
    return eventually(lambda: next((m for m in platform.mails(to=person["email"]) if matches(m)), None),
                      timeout=20, message=f"a mail {what} to {person['email']}")


def saying(text: str):
    """A mail whose subject or plain-text body contains `text`."""
    return lambda mail: text in mail["Subject"] or text in mail.get_body(("plain",)).get_content()


def with_calendar(method: str):
    """A mail with a calendar attachment of this method (REQUEST invites, CANCEL cancels)."""
    return lambda mail: calendar_method(mail) == method


def calendar_of(mail) -> icalendar.Calendar | None:
    """The mail's .ics attachment, read, or None when it has none."""
    part = next((p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"), None)
    return part and icalendar.Calendar.from_ical(part.get_content())


def calendar_method(mail) -> str | None:
    """The METHOD of the mail's .ics attachment, or None when it has none."""
    calendar = calendar_of(mail)
    return calendar and str(calendar["method"])
