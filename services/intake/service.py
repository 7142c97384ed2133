"""The intake service: the digital counter, screening, accounts and sign-in."""
from services.intake import accounts, applications
from services.intake.models import Base
from services.shared.config import public_base_url
from services.shared.database import Database
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService, command, load
from services.shared.wire.accounts import AccountView, Credentials, TokenIssued
from services.shared.wire.applications import (
    ApplicationCreated, ApplicationFilter, ApplicationStatus, ApplicationSubmission, ApplicationView,
    ScreeningInput,
)


class IntakeService(BackboneService):
    name = "intake"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)

    @command
    def submit_application(self, payload: dict, request_key: str = None) -> dict:
        data = load(ApplicationSubmission(), payload)
        application = applications.submit(self.db, data, public_base_url(self.config),
                                          self.config["PRIVACY_NOTICE_VERSION"], request_key)
        self.db.commit()
        return ApplicationCreated().dump({
            "application_id": application.id, "person_id": application.person_id,
            "status_url": applications.status_url(public_base_url(self.config),
                                                  application.status_token)})

    @command
    def record_screening(self, application_id: str, payload: dict, decided_by: str = None) -> dict:
        data = load(ScreeningInput(), payload)
        application = applications.screen(self.db, application_id, data["decision"],
                                          data["reason"], decided_by)
        self.db.commit()
        return ApplicationView().dump(application)

    @command
    def get_application(self, application_id: str) -> dict:
        return ApplicationView().dump(applications.find(self.db, application_id))

    @command
    def list_applications(self, filters: dict = None) -> list[dict]:
        found = applications.search(self.db, **load(ApplicationFilter(), filters))
        return ApplicationView(many=True).dump(found)

    @command
    def get_application_status(self, token: str) -> dict:
        return ApplicationStatus().dump(applications.find_by_token(self.db, token))

    @command
    def authenticate(self, credentials: dict, client_ip: str = None) -> dict:
        data = load(Credentials(), credentials)
        account = accounts.authenticate(self.db, data["email"], data["password"], client_ip)
        return AccountView().dump(account)

    @command
    def issue_token(self, credentials: dict, client_ip: str = None) -> dict:
        data = load(Credentials(), credentials)
        account = accounts.authenticate(self.db, data["email"], data["password"], client_ip)
        token, expires_at = accounts.issue_token(self.db, account)
        self.db.commit()
        return TokenIssued().dump({"token": token, "expires_at": expires_at})

    @command
    def verify_token(self, token: str) -> dict:
        return AccountView().dump(accounts.account_for_token(self.db, token))
