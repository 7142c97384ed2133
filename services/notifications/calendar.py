"""Calendar invitations (.ics, RFC 5545) for appointments: the same UID for every revision of
one appointment, a higher SEQUENCE for each change, METHOD:CANCEL when it is called off, so
the person's calendar moves or removes the entry by itself."""
from datetime import datetime, timezone

from icalendar import Calendar, Event as CalendarEvent, vCalAddress, vText

PRODUCT = "-//Stad Sint-Truiden//Samen op pad//NL"


def invitation(uid: str, sequence: int, starts_at: datetime, ends_at: datetime, summary: str,
               location: str, organizer: str, attendee: str | None, cancelled: bool = False) -> str:
    """The .ics text of an invitation (or of its cancellation)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("sequence", sequence)
    entry.add("dtstamp", datetime.now(timezone.utc))
    entry.add("dtstart", starts_at.astimezone(timezone.utc))
    entry.add("dtend", ends_at.astimezone(timezone.utc))
    entry.add("summary", summary)
    entry.add("location", location)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry["organizer"] = vCalAddress(f"mailto:{organizer}")
    entry["organizer"].params["cn"] = vText("Samen op pad")
    if attendee:
        entry.add("attendee", f"mailto:{attendee}", parameters={"role": "REQ-PARTICIPANT",
                                                                "rsvp": "FALSE"})
    calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8")
