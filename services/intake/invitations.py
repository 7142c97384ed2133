"""Accounts for approved buddies: an invitation to set their own password (single use,
expiring), then they sign in to keep their availability and interests up to date. The
invitation's link is minted when the message goes out (links.py), never stored in the clear.
A forgotten password is reset the same way (resets.py): an invitation of purpose reset."""
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.intake import accounts, links
from services.intake.models import Account, AccountInvitation, Link, Person
from services.shared.errors import Conflict, Gone, NotFound
from services.shared.models import utcnow
from services.shared.outbox import record_event

LIFETIME = timedelta(days=14)


def invite(session: Session, person: Person) -> AccountInvitation | None:
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
    expire_pending(session, account.id)
    invitation = AccountInvitation(account_id=account.id, expires_at=utcnow() + LIFETIME)
    session.add(invitation)
    session.flush()
    record_event(session, "buddy_invited", {
        "person_id": person.id, "invitation_id": invitation.id, "expires_at": invitation.expires_at},
        subject_id=person.id, version=2)
    return invitation


def expire_pending(session: Session, account_id: str, purpose: str | None = None) -> None:
    """Every unused invitation of the account (of `purpose`, if given) stops working now."""
    query = update(AccountInvitation).where(AccountInvitation.account_id == account_id,
                                            AccountInvitation.used_at.is_(None))
    if purpose:
        query = query.where(AccountInvitation.purpose == purpose)
    session.execute(query.values(expires_at=utcnow()))


def accept(session: Session, token: str, password: str,
           purpose: links.Purpose = links.Purpose.ACCOUNT_SETUP) -> Account:
    """Set the password with an invitation or reset link; the link then stops working, and so
    does every other pending one of the account. A closed account stays closed (Gone)."""
    link, invitation = usable(session, token, lock=True, purpose=purpose)  # Gone when closed
    accounts.set_password(invitation.account, password)
    invitation.used_at = utcnow()
    links.use(link)
    session.flush()  # this one used first, so it is not among those expired next
    expire_pending(session, invitation.account_id)
    return invitation.account


def usable(session: Session, token: str, lock: bool = False,
           purpose: links.Purpose = links.Purpose.ACCOUNT_SETUP) -> tuple[Link, AccountInvitation]:
    """The link and its invitation, if it can still set a password: NotFound (no such link,
    or its person was erased), Gone (used, replaced by a newer one, or expired), each with
    the words of the link's kind (links.KINDS)."""
    link = links.open_link(session, token, purpose, lock=lock)
    return link, _usable(session, link.ref, links.KINDS[purpose], lock)


def _usable(session: Session, invitation_id: str, kind: links.Kind, lock: bool = False) -> AccountInvitation:
    query = select(AccountInvitation).where(AccountInvitation.id == invitation_id)
    invitation = session.scalar(query.with_for_update(of=AccountInvitation) if lock else query)
    if invitation is None:
        raise NotFound(kind.not_valid)
    if not invitation.account.active:  # closed: no link reopens it
        raise Gone("This account was closed. Ask the coordinator if you think that is a mistake.")
    if invitation.used_at is not None:
        raise Gone(kind.used)
    if invitation.expires_at <= utcnow():
        raise Gone(kind.expired)
    return invitation
