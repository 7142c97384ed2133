"""Buddy invitations and a buddy's own profile (sign-in and credentials: credentials.py)."""
from sqlalchemy import select

from services.intake import credentials, invitations, links, privacy, profiles, resets
from services.intake.entrypoints.credentials import issued, new_session
from services.intake.models import Account, Application
from services.shared.errors import Conflict, NotAuthenticated, NotFound
from services.shared.caller import anyone, scoped
from services.shared.service import command, load
from services.shared.wire.accounts import AccountView, ResetRequest
from services.shared.wire.credentials import Revoked
from services.shared.wire.interviews import OwnProfileInput, OwnProfileView, PasswordInput


class AccountEntrypoints:
    @command(anyone("the token it is given is its own proof"))
    def check_invitation(self, token: str, purpose: str = "account_setup") -> dict:
        """Whether a password link (`purpose` account_setup, or password_reset for a forgotten
        password) can still be used: {"usable": True}, or NotFound (no such link, or its person
        was erased) or Gone (used, replaced, expired), with what to do."""
        invitations.usable(self.db, str(token), purpose=_password_purpose(purpose))
        return {"usable": True}

    @command(anyone("the token it is given is its own proof"))
    def accept_invitation(self, token: str, payload: dict, purpose: str = "account_setup",
                          hours: float | None = None) -> dict:
        """Set the password with a password link (`purpose` as check_invitation): AccountView,
        and with `hours` a new portal session lasting that long ("session": Issued, for the
        gateway to sign), so the person is signed in at once. Every other session and token of
        the account ends, on every gateway, and so does every other pending link of it.
        NotFound, Gone, InvalidInput."""
        account = invitations.accept(self.db, token, load(PasswordInput(), payload)["password"],
                                     _password_purpose(purpose))
        ended = Revoked(many=True).dump(credentials.revoke_all(self.db, account.id))
        self.revocations.add(ended)
        started = new_session(self.db, account, hours) if hours else None
        self.db.commit()
        return {**AccountView().dump(account), **({"session": issued(started)} if started else {})}

    @command(anyone("answers alike whether an account exists; the link goes only to the account's own address"))
    def request_password_reset(self, request: dict) -> dict:
        """A forgotten password ({"email"}): a link to choose a new one is emailed to the
        active buddy account of that address (resets.py). Always {"requested": True}, whether
        a message goes out or not, so the answer tells nobody who has an account.
        InvalidInput for something that is not an e-mail address."""
        resets.request_reset(self.db, load(ResetRequest(), request)["email"])
        self.db.commit()
        return {"requested": True}

    @command(scoped("accounts:manage"))
    def reinvite_buddy(self, person_id: str) -> dict:
        person = privacy.person(self.db, person_id)
        approved = self.db.scalar(select(Application).where(
            Application.person_id == person.id, Application.status == "approved"))
        if person.role != "buddy" or approved is None:
            raise Conflict("Only approved buddies get an account.")
        account = self.db.scalar(select(Account).where(Account.person_id == person.id))
        if account is not None and not account.active:  # closed (a new account starts active)
            raise Conflict("This buddy's account was closed; it cannot be opened again by an invitation.")
        if invitations.invite(self.db, person) is None:
            raise Conflict("This buddy has no email address to send the invitation to.")
        self.db.commit()
        return {"person_id": person.id, "invited": True}

    @command(scoped("own:read"))
    def get_own_profile(self) -> dict:
        """The calling buddy's own profile (`own:read`), with "application_status": their
        latest application's (received, …, approved)."""
        person = self._own_person(self.caller.id)
        status = self.db.scalar(select(Application.status).where(Application.person_id == person.id)
                                .order_by(Application.submitted_at.desc()).limit(1))
        return {**OwnProfileView().dump(person), "application_status": status}

    @command(scoped("own:write"))
    def update_own_profile(self, payload: dict) -> dict:
        """The calling buddy corrects their own availability and interests (`own:write`)."""
        person = self._own_person(self.caller.id)
        profiles.correct_profile(self.db, person, load(OwnProfileInput(partial=True), payload))
        self.db.commit()
        return OwnProfileView().dump(person)

    def _own_person(self, account_id):
        account = self.db.get(Account, str(account_id)) if account_id else None
        if account is None or account.person_id is None or not account.active:
            raise NotAuthenticated("Sign in with a buddy account.")
        return privacy.person(self.db, account.person_id)


def _password_purpose(purpose: str) -> links.Purpose:
    """The purpose of a link that sets a password; NotFound for any other."""
    if purpose not in (links.Purpose.ACCOUNT_SETUP, links.Purpose.PASSWORD_RESET):
        raise NotFound("This link is not valid.")
    return links.Purpose(purpose)
