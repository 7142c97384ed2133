"""Accounts and sign-in with throttling (credentials.py issues what a sign-in opens)."""
import ipaddress
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventlet import tpool
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from services.intake.models import Account, LoginAttempt
from services.shared.errors import Conflict, InvalidInput, NotAuthenticated, TooManyAttempts
from services.shared.models import utcnow
from services.shared.wire.accounts import WRONG_CREDENTIALS

HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 30
MIN_PASSWORD_LENGTH = 12


def normalise_email(email: str) -> str:
    return str(email).strip().lower()


def hash_password(password: str) -> str:
    """An argon2id hash, computed in a native thread so the service keeps serving meanwhile."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput({"password": [f"Use at least {MIN_PASSWORD_LENGTH} characters."]})
    return tpool.execute(HASHER.hash, password)


def create_account(session: Session, email: str, password: str, role: str,
                   display_name: str) -> Account:
    email = normalise_email(email)
    if session.scalar(select(Account).where(Account.email == email)):
        raise Conflict(f"There is already an account for {email}.")
    account = Account(email=email, password_hash=hash_password(password), role=role,
                      display_name=display_name)
    session.add(account)
    session.flush()
    return account


def authenticate(session: Session, email: str, password: str, client_ip: str | None) -> Account:
    """The account these credentials open; every attempt is recorded and guessers throttled."""
    email, client_ip = normalise_email(email), _valid_ip(client_ip)
    attempt = _counted_attempt(session, email, client_ip)
    account = session.scalar(select(Account).where(Account.email == email, Account.active))
    # verify against a dummy hash when there is no account, so timing does not tell
    stored = account.password_hash if account and account.password_hash else _dummy_hash()
    valid = _verify(stored, password) and account and account.password_hash
    attempt.succeeded = bool(valid)
    if valid and HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = tpool.execute(HASHER.hash, password)
    session.commit()
    if not valid:
        raise NotAuthenticated(WRONG_CREDENTIALS)
    return account


def _counted_attempt(session, email, client_ip) -> LoginAttempt:
    """The attempt, refused when throttled, else counted as failed (and committed) before the
    password is checked: a burst of guesses at once is counted one by one, never all let
    through by the same count. Locked per e-mail address, then per client address (always in
    that order, so two sign-ins never wait for each other in a circle)."""
    for key in filter(None, (f"sign-in:{email}", client_ip and f"sign-in:{client_ip}")):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})
    _refuse_if_throttled(session, email, client_ip)
    attempt = LoginAttempt(email=email, client_ip=client_ip, succeeded=False)
    session.add(attempt)
    session.commit()  # counted, and the locks released, while the password is checked
    return attempt


def _refuse_if_throttled(session, email, client_ip):
    since = utcnow() - THROTTLE_WINDOW
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.attempted_at > since, LoginAttempt.succeeded.is_(False))
    if session.scalar(failures.where(LoginAttempt.email == email)) >= MAX_FAILURES_PER_EMAIL or (
            client_ip and session.scalar(failures.where(LoginAttempt.client_ip == client_ip))
            >= MAX_FAILURES_PER_IP):
        raise TooManyAttempts("Too many failed sign-ins. Wait 15 minutes and try again.",
                              int(THROTTLE_WINDOW.total_seconds()))


def password_matches(account: Account, password: str) -> bool:
    return _verify(account.password_hash, password)


def set_password(account: Account, password: str):
    account.password_hash = hash_password(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return tpool.execute(HASHER.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(HASHER.hash(secrets.token_hex(16)))
    return _DUMMY[0]


def _valid_ip(value) -> str | None:
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None
