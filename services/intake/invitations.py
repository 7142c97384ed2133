"""Accounts for approved buddies: an invitation link to set their own password (single use,
expiring), then they sign in to keep their availability and interests up to date."""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.intake import accounts
from services.intake.models import Account, AccountInvitation, Person
from services.shared.errors import Conflict, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event

LIFETIME = timedelta(days=14)


def invite(session: Session, person: Person, base_url: str) -> AccountInvitation | None:
    """A new invitation (earlier unused ones stop working); None without an email address."""
    if not person.email:
        return None
    account = session.scalar(select(Account).where(Account.person_id == person.id))
    if account is None:
        if session.scalar(select(Account).where(Account.email == accounts.normalise_email(person.email))):
            raise Conflict(f"Another account already uses {person.email}.")
        account = Account(person_id=person.id, email=accounts.normalise_email(person.email),
                          role="buddy", display_name=person.first_name, password_hash=None)
        session.add(account)
        session.flush()
    session.execute(update(AccountInvitation).where(AccountInvitation.account_id == account.id,
                                                    AccountInvitation.used_at.is_(None))
                    .values(expires_at=utcnow()))
    token = secrets.token_urlsafe(32)
    invitation = AccountInvitation(account_id=account.id, token_hash=_digest(token),
                                   expires_at=utcnow() + LIFETIME)
    session.add(invitation)
    record_event(session, "buddy_invited", {
        "person_id": person.id, "invitation_url": f"{base_url}/account/setup/{token}",
        "expires_at": invitation.expires_at}, subject_id=person.id)
    return invitation


def accept(session: Session, token: str, password: str) -> Account:
    """Set the password with an invitation link; the link then stops working."""
    invitation = usable(session, token, lock=True)
    accounts.set_password(invitation.account, password)
    invitation.used_at, invitation.account.active = utcnow(), True
    session.flush()
    return invitation.account


def usable(session: Session, token: str, lock: bool = False) -> AccountInvitation:
    """The invitation of this link, if it can still set a password: NotFound (no such link,
    or its person was erased), Conflict (used, or expired)."""
    query = select(AccountInvitation).where(AccountInvitation.token_hash == _digest(str(token)))
    invitation = session.scalar(query.with_for_update(of=AccountInvitation) if lock else query)
    if invitation is None:
        raise NotFound("This invitation link is not valid.")
    if invitation.used_at is not None:
        raise Conflict("This invitation link was used already. Sign in, or ask the "
                       "coordinator for a new link.")
    if invitation.expires_at <= utcnow():
        raise Conflict("This invitation link has expired. Ask the coordinator for a new one.")
    return invitation


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
