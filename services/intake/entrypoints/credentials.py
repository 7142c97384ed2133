"""Sign-in and the credential store: sessions and API tokens, listed, revoked, and accounts
deactivated. The gateway signs what `start_session` and `issue_token` return."""
from datetime import timedelta

from sqlalchemy import select

from services.intake import accounts, credentials
from services.intake.models import Account
from services.shared.caller import anyone, scoped
from services.shared.service import command, load
from services.shared.wire.accounts import AccountView, Credentials, TokenRequest
from services.shared.wire.credentials import CredentialView, Issued, Kind, Revoked

SESSION_KINDS = {"coordinator": Kind.COORDINATOR_SESSION, "buddy": Kind.BUDDY_SESSION}


class CredentialEntrypoints:
    @command(anyone("the password it is given is its own proof (sign-in attempts are throttled)"))
    def start_session(self, sign_in: dict, client_ip: str = None, hours: float = 8) -> dict:
        """Sign in to the portal: the Issued session credential ({"id", "account_id", "kind",
        "role", "display_name", "email", "scopes", "expires_at"}) lasting `hours`, for the
        gateway to sign. NotAuthenticated (wrong e-mail address or password, said alike),
        TooManyAttempts (throttled: `retry_after` seconds), InvalidInput."""
        account = self._authenticated(sign_in, client_ip)
        return self._issued(new_session(self.db, account, hours))

    @command(anyone("the password it is given is its own proof (sign-in attempts are throttled)"))
    def issue_token(self, request: dict, client_ip: str = None) -> dict:
        """A coordinator's API token (12 hours) for a TokenRequest ({"email", "password",
        "label"?, "scopes"?: a subset of the coordinator's, all when none}), as `start_session`
        returns; Forbidden for a buddy's account (a buddy uses the portal), InvalidInput."""
        data = load(TokenRequest(), request)
        account = self._authenticated({"email": data["email"], "password": data["password"]}, client_ip)
        return self._issued(credentials.issue(self.db, account, Kind.COORDINATOR_API_TOKEN,
                                              label=data.get("label"), scopes=data.get("scopes")))

    @command(scoped("tokens:manage", "own:write"))
    def list_credentials(self) -> list[dict]:
        """The caller's own working credentials (CredentialView), newest first."""
        return CredentialView(many=True).dump(credentials.listed(self.db, self.caller.signed_in().id))

    @command(scoped("tokens:manage", "own:write"))
    def revoke_credential(self, credential_id: str) -> dict:
        """End one of the caller's own credentials now, on every gateway: {"id",
        "expires_at"}; NotFound for another account's; Unavailable when the shared list of
        revocations cannot be written (then nothing changed)."""
        return self._revoked([credentials.revoke(self.db, self.caller.signed_in().id, credential_id)])[0]

    @command(scoped("tokens:manage", "own:write"))
    def end_sessions(self) -> list[dict]:
        """Sign out: every portal session of the caller's account ends, on every device."""
        return self._revoked(credentials.end_sessions(self.db, self.caller.signed_in().id))

    @command(scoped("accounts:manage"))
    def deactivate_account(self, account_id: str) -> list[dict]:
        """Close an account (`accounts:manage`, by an active coordinator): it cannot sign in,
        its pending invitations stop working, and every credential of it ends now. Conflict
        for one's own account or the last active coordinator; NotFound."""
        by = self.caller
        ended = credentials.deactivate(self.db, account_id, by.id)
        return self._revoked(ended, accounts=[str(account_id)])

    @command(scoped("accounts:manage"))
    def list_accounts(self) -> list[dict]:
        """Every account (AccountView with "active"), coordinators first (`accounts:manage`)."""
        found = self.db.scalars(select(Account).order_by(Account.role.desc(), Account.display_name))
        return [{**AccountView().dump(a), "active": a.active} for a in found]

    @command(anyone("the gateway's own check of a credential it holds; ids and validity only"))
    def list_revoked_credentials(self) -> dict:
        """Everything a token check must refuse: {"credentials": [{"id", "expires_at"}],
        "accounts": [ids of deactivated accounts]} (the gateway's reload of the shared list)."""
        closed = self.db.scalars(select(Account.id).where(Account.active.is_(False))).all()
        return {"credentials": Revoked(many=True).dump(credentials.list_revoked(self.db)),
                "accounts": [str(a) for a in closed]}

    @command(anyone("the gateway's own check of a credential it holds; ids and validity only"))
    def check_credential(self, credential_id: str) -> dict:
        """Whether a credential works: {"valid": bool} (when the shared list is unreachable)."""
        return {"valid": credentials.still_valid(self.db, credential_id)}

    @command(anyone("the gateway's own check of a credential it holds; ids and validity only"))
    def note_credential_used(self, credential_id: str) -> None:
        """A credential was used now (written at most once a minute)."""
        credentials.note_use(self.db, credential_id)
        self.db.commit()

    def _authenticated(self, sign_in: dict, client_ip):
        data = load(Credentials(), sign_in)
        return accounts.authenticate(self.db, data["email"], data["password"], client_ip)

    def _issued(self, credential) -> dict:
        self.db.commit()
        return issued(credential)

    def _revoked(self, ended, accounts=()) -> list[dict]:
        """Written to the shared list before the commit: if it cannot be, nothing changed."""
        revoked = Revoked(many=True).dump(ended)
        self.revocations.add(revoked, accounts)
        self.db.commit()
        return revoked


def new_session(session, account, hours: float):
    """A portal session credential for the account, lasting `hours`."""
    return credentials.issue(session, account, SESSION_KINDS[account.role], timedelta(hours=hours))


def issued(credential) -> dict:
    """What the gateway signs (Issued): the credential, whose, what it may do, until when."""
    account = credential.account
    return Issued().dump({"id": credential.id, "account_id": account.id, "kind": credential.kind,
                          "role": account.role, "display_name": account.display_name,
                          "email": account.email, "scopes": credential.scopes,
                          "expires_at": credential.expires_at, "person_id": account.person_id})
