"""Links that let their holder into one thing of one person's without a password: the status
page, setting a password (the first one, or a new one when it was forgotten), stopping messages (and, as they come, a pulse, a meeting, a
concern, an evaluation, a registration).

Each is a purpose-bound, expiring token that only intake mints, and only its SHA-256 is kept,
so a copy of the database opens nothing. Erasing the person deletes every link issued to
them. Notifications asks for fresh links (`issue`) when it sends a message, so no event,
outbox row, held event, parked message or queue ever carries one; each batch of messages
gets links of its own, which expire on their own.
"""
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.intake.models import Account, AccountInvitation, Application, Link, Person
from services.shared.errors import Gone, NotFound
from services.shared.models import is_uuid, utcnow

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # URL-safe base64, never anything else
SUPERSEDED = "the invitation was used, replaced or has expired"


class Purpose(StrEnum):
    STATUS = "status"  # the applicant's status page; ref: their latest application
    ACCOUNT_SETUP = "account_setup"  # a buddy sets a password; ref: the invitation; single use
    PASSWORD_RESET = "password_reset"  # a new password for a forgotten one; ref: the reset; single use
    STOP = "stop"  # stop receiving messages, or start again


@dataclass(frozen=True)
class Kind:
    """Where a link of one purpose opens (under the public base URL), how long it works, and
    what its page says when it does not (the gateway translates these: vocabulary.py)."""

    path: str
    lifetime: timedelta
    not_valid: str
    expired: str
    single_use: bool = False
    used: str = "This invitation link was used already. Sign in, or ask the coordinator for a new link."


EXPIRED = "This link has expired. The newest message we sent you has a fresh one."
RESET_LIFETIME = timedelta(hours=2)  # a forgotten password is reset now, not in a fortnight
KINDS = {
    Purpose.STATUS: Kind("status", timedelta(days=180), "This status link is not valid.", EXPIRED),
    Purpose.ACCOUNT_SETUP: Kind("account/setup", timedelta(days=14), "This invitation link is not valid.",
                                "This invitation link has expired. Ask the coordinator for a new one.",
                                single_use=True),
    Purpose.PASSWORD_RESET: Kind("account/reset", RESET_LIFETIME,
                                 "This link to choose a new password is not valid.",
                                 "This link to choose a new password has expired. Ask for a new one.",
                                 single_use=True,
                                 used="This link to choose a new password was used already. Sign in, "
                                      "or ask for a new link."),
    Purpose.STOP: Kind("stop", timedelta(days=365), "This link is not valid.", EXPIRED),
}


def mint(session: Session, person_id: str, purpose: Purpose, ref: str | None = None,
         expires_at: datetime | None = None) -> str:
    """A new token for `purpose` (expiring after its kind's lifetime, or at `expires_at`);
    returned once, stored only as its hash."""
    token = secrets.token_urlsafe(32)
    session.add(Link(person_id=str(person_id), purpose=purpose.value, ref=ref, token_hash=digest(token),
                     expires_at=expires_at or utcnow() + KINDS[purpose].lifetime))
    return token


def url(base_url: str, purpose: Purpose, token: str) -> str:
    return f"{base_url}/{KINDS[purpose].path}/{token}"


def open_link(session: Session, token: str, purpose: Purpose, lock: bool = False) -> Link:
    """The link this token is, for this purpose: NotFound (no such link, another purpose's,
    or its person was erased), Gone (used, or expired)."""
    kind = KINDS[purpose]
    if not TOKEN.fullmatch(str(token)):
        raise NotFound(kind.not_valid)
    query = select(Link).where(Link.token_hash == digest(str(token)), Link.purpose == purpose.value)
    link = session.scalar(query.with_for_update(of=Link) if lock else query)
    if link is None:
        raise NotFound(kind.not_valid)
    if link.used_at is not None:
        raise Gone(kind.used)
    if link.expires_at <= utcnow():
        raise Gone(kind.expired)
    return link


def use(link: Link) -> None:
    """A single-use link has done its work."""
    link.used_at = utcnow()


def forget(session: Session, person_id: str) -> None:
    """Erasure: every link ever issued to the person is gone."""
    session.execute(delete(Link).where(Link.person_id == str(person_id)))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, base_url: str, wanted: list[dict]) -> list[dict]:
    """Fresh links for messages about to be sent: for each {"person_id", "purpose", "ref"?},
    {"url": …} or {"problem": why there is none} (the person was erased, …; with
    "superseded": True when the message is simply no longer needed: its invitation was used
    or replaced), in the same order."""
    return [_issue_one(session, base_url, ask) for ask in wanted]


def _issue_one(session, base_url, ask: dict) -> dict:
    try:
        purpose = Purpose(ask.get("purpose"))
    except ValueError:
        return {"problem": f"no such kind of link: {ask.get('purpose')!r}"}
    person_id = str(ask.get("person_id"))
    person = session.get(Person, person_id) if is_uuid(person_id) else None
    if person is None or person.erased_at is not None:
        return {"problem": "the person is not known here, or was erased"}
    ref, expires_at, problem = TARGETS[purpose](session, person, ask.get("ref"))
    if problem:  # a replaced invitation: its message is no longer needed, not a failure
        return {"problem": problem, **({"superseded": True} if problem == SUPERSEDED else {})}
    return {"url": url(base_url, purpose, mint(session, person.id, purpose, ref, expires_at))}


def _status_target(session, person, _ref):
    latest = session.scalar(select(Application.id).where(Application.person_id == person.id)
                            .order_by(Application.submitted_at.desc()).limit(1))
    return (str(latest), None, None) if latest else (None, None, "the person has no application")


def _invitation_target(kind: str):
    """The target of a password link: an invitation of `kind` (setup, reset) of the person's
    account that can still be used; it expires with it."""
    def target(session, person, ref):
        invitation = session.scalar(select(AccountInvitation).join(Account).where(
            AccountInvitation.id == str(ref), AccountInvitation.purpose == kind,
            Account.person_id == person.id)) if is_uuid(ref) else None
        if invitation is None:
            return None, None, f"no such {'invitation' if kind == 'setup' else 'reset'} for this person"
        if invitation.used_at is not None or invitation.expires_at <= utcnow():
            return None, None, SUPERSEDED
        return invitation.id, invitation.expires_at, None
    return target


def _stop_target(session, person, _ref):
    return None, None, None


TARGETS = {Purpose.STATUS: _status_target, Purpose.ACCOUNT_SETUP: _invitation_target("setup"),
           Purpose.PASSWORD_RESET: _invitation_target("reset"), Purpose.STOP: _stop_target}
