"""A forgotten password: a buddy asks for a link to choose a new one (the sign-in page's
"Forgot your password?"). It is an account invitation of purpose reset (invitations.py): single
use, expiring after two hours (links.RESET_LIFETIME), its link minted by notifications when the
email goes out, never stored in the clear; `password_reset_requested` carries only ids.

Whoever asks is told the same, whether an account exists or not (the gateway says "if an
account exists for this address, we sent a link"), so the answer here is only whether a
message goes out: never for an unknown address, a closed account or an erased person, and at
most MAX_PER_HOUR times an hour for one account (so nobody floods a buddy's inbox).
Coordinators' accounts are no person the platform sends messages to: they get no link.
"""
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.intake import accounts, invitations, links
from services.intake.models import Account, AccountInvitation, Person
from services.shared.models import utcnow
from services.shared.outbox import record_event

RESET = "reset"
MAX_PER_HOUR = 3


def request_reset(session: Session, email: str) -> AccountInvitation | None:
    """A new reset for the active buddy account of `email` (earlier unused resets stop
    working), with its `password_reset_requested` event; None when no message goes out."""
    account = session.scalar(select(Account).where(Account.email == accounts.normalise_email(email)))
    person = account and account.active and account.person_id and session.get(Person, account.person_id)
    if not person or person.erased_at is not None or _recent(session, account.id) >= MAX_PER_HOUR:
        return None
    invitations.expire_pending(session, account.id, RESET)
    reset = AccountInvitation(account_id=account.id, purpose=RESET,
                              expires_at=utcnow() + links.RESET_LIFETIME)
    session.add(reset)
    session.flush()
    record_event(session, "password_reset_requested", {
        "person_id": person.id, "reset_id": reset.id, "expires_at": reset.expires_at},
        subject_id=person.id)
    return reset


def _recent(session: Session, account_id: str) -> int:
    return session.scalar(select(func.count()).select_from(AccountInvitation).where(
        AccountInvitation.account_id == account_id, AccountInvitation.purpose == RESET,
        AccountInvitation.created_at > utcnow() - timedelta(hours=1)))
