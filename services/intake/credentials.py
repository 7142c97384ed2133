"""One credential store for every way of signing in: a coordinator's or a buddy's portal
session, a coordinator's API token (and, to come, a partner's key). Each has a kind, scopes
from the one vocabulary (wire/credentials.py), an expiry, a last use and a revocation.

The token itself is signed by the gateway from what `issue` returns and never stored here,
so checking one needs no call to this service; ending one is revoking it (the gateway keeps
the list of revoked credentials where every gateway process sees it, and asks
`list_revoked` for all of them when that list was lost).
"""
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from services.intake.models import Account, AccountInvitation, Credential
from services.shared.errors import Conflict, Forbidden, NotFound
from services.shared.models import is_uuid, utcnow
from services.shared.wire.credentials import ROLE_SCOPES, SESSIONS, Kind

LIFETIMES = {Kind.COORDINATOR_API_TOKEN: timedelta(hours=12)}  # sessions: SESSION_HOURS
USE_NOTED_EVERY = timedelta(minutes=1)


def issue(session: Session, account: Account, kind: Kind, lifetime: timedelta | None = None,
          label: str | None = None, scopes: list[str] | None = None) -> Credential:
    """A new credential of `kind` for `account`, with the scopes of its role, or only those of
    them named in `scopes` (Forbidden for one the role does not hold)."""
    if kind is Kind.COORDINATOR_API_TOKEN and account.role != "coordinator":
        raise Forbidden("API tokens are for coordinators; a buddy signs in to the portal.")
    held = ROLE_SCOPES[account.role]
    if scopes is not None and not set(scopes) <= set(held):
        raise Forbidden("A token cannot hold a scope its account does not have.")
    credential = Credential(account_id=account.id, kind=kind.value, label=label,
                            scopes=[scope for scope in held if scopes is None or scope in scopes],
                            expires_at=utcnow() + (lifetime or LIFETIMES[kind]))
    session.add(credential)
    session.flush()
    return credential


def listed(session: Session, account_id: str) -> list[Credential]:
    """The account's credentials that still work, newest first."""
    return list(session.scalars(select(Credential).where(
        Credential.account_id == str(account_id), Credential.revoked_at.is_(None),
        Credential.expires_at > utcnow()).order_by(Credential.created_at.desc())))


def revoke(session: Session, account_id: str, credential_id: str) -> Credential:
    """End one of the account's own credentials (NotFound for anyone else's)."""
    credential = session.get(Credential, str(credential_id)) if is_uuid(credential_id) else None
    if credential is None or credential.account_id != str(account_id):
        raise NotFound("There is no such token of yours.")
    credential.revoked_at = credential.revoked_at or utcnow()
    return credential


def revoke_all(session: Session, account_id: str, kinds=None) -> list[Credential]:
    """End every working credential of the account (of `kinds`, if given): what was ended."""
    query = select(Credential).where(Credential.account_id == str(account_id),
                                     Credential.revoked_at.is_(None), Credential.expires_at > utcnow())
    if kinds:
        query = query.where(Credential.kind.in_([str(kind) for kind in kinds]))
    ended = list(session.scalars(query.with_for_update(of=Credential)))
    for credential in ended:
        credential.revoked_at = utcnow()
    return ended


def end_sessions(session: Session, account_id: str) -> list[Credential]:
    """Signing out ends every portal session of the account, on every device."""
    return revoke_all(session, account_id, SESSIONS)


def list_revoked(session: Session) -> list[Credential]:
    """Every revoked credential that has not expired yet (what a token check must refuse)."""
    return list(session.scalars(select(Credential).where(
        Credential.revoked_at.is_not(None), Credential.expires_at > utcnow())))


def still_valid(session: Session, credential_id: str) -> bool:
    """Whether a credential works (not revoked, not expired, its account active)."""
    credential = session.get(Credential, str(credential_id)) if is_uuid(credential_id) else None
    return bool(credential and credential.revoked_at is None and credential.expires_at > utcnow()
                and credential.account.active)


def note_use(session: Session, credential_id: str) -> None:
    """Record that a credential was used now, at most once a minute (one UPDATE, no read)."""
    if is_uuid(credential_id):
        session.execute(update(Credential).where(
            Credential.id == str(credential_id),
            or_(Credential.last_used_at.is_(None), Credential.last_used_at < utcnow() - USE_NOTED_EVERY))
            .values(last_used_at=utcnow()))


def deactivate(session: Session, account_id: str, by_account_id: str | None) -> list[Credential]:
    """A coordinator closes another account: it cannot sign in any more and every credential
    of it ends now. Never one's own, and never the last active coordinator (Conflict)."""
    coordinators = _active_coordinators(session)  # locked first, always in one order: no deadlock
    account = session.get(Account, str(account_id), with_for_update=True) if is_uuid(account_id) else None
    if account is None:
        raise NotFound("There is no such account.")
    if str(account_id) == str(by_account_id):
        raise Conflict("You cannot deactivate your own account; ask another coordinator.")
    if by_account_id not in coordinators:
        raise Forbidden("Only an active coordinator closes an account.")
    if account.role == "coordinator" and account.active and len(coordinators) <= 1:
        raise Conflict("This is the last active coordinator: the platform would have no one left.")
    account.active = False
    session.execute(update(AccountInvitation).where(  # a pending invitation cannot reopen it
        AccountInvitation.account_id == account.id, AccountInvitation.used_at.is_(None))
        .values(expires_at=utcnow()))
    return revoke_all(session, account.id)


def _active_coordinators(session: Session) -> list[str]:
    return [str(i) for i in session.scalars(select(Account.id).where(
        Account.role == "coordinator", Account.active).order_by(Account.id).with_for_update())]
