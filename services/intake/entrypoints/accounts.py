"""Buddy invitations and a buddy's own profile (sign-in and credentials: credentials.py)."""
from sqlalchemy import select

from services.intake import credentials, invitations, privacy, profiles
from services.intake.models import Account, Application
from services.shared.errors import Conflict, NotAuthenticated
from services.shared.caller import anyone, scoped
from services.shared.service import command, load
from services.shared.wire.accounts import AccountView
from services.shared.wire.credentials import Revoked
from services.shared.wire.interviews import OwnProfileInput, OwnProfileView, PasswordInput


class AccountEntrypoints:
    @command(anyone("the token it is given is its own proof"))
    def check_invitation(self, token: str) -> dict:
        """Whether a password link can still be used: {"usable": True}, or NotFound (no such
        link, or its person was erased) or Gone (used, replaced, expired), with what to do."""
        invitations.usable(self.db, str(token))
        return {"usable": True}

    @command(anyone("the token it is given is its own proof"))
    def accept_invitation(self, token: str, payload: dict) -> dict:
        """Set the password with an invitation link (AccountView). Every session opened with
        an earlier password ends, on every gateway. NotFound, Gone, InvalidInput."""
        account = invitations.accept(self.db, token, load(PasswordInput(), payload)["password"])
        ended = Revoked(many=True).dump(credentials.revoke_all(self.db, account.id))
        self.revocations.add(ended)
        self.db.commit()
        return AccountView().dump(account)

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
        """The calling buddy's own profile (`own:read`)."""
        return OwnProfileView().dump(self._own_person(self.caller.id))

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
