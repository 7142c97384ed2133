"""Applications: submitted, looked up, searched, screened."""
from sqlalchemy import select

from services.intake import applications, inbox, screening, views
from services.intake.models import Person
from services.shared.config import public_base_url
from services.shared.models import is_uuid, utcnow
from services.shared.caller import anyone, scoped
from services.shared.service import command, load
from services.shared.wire.application_views import ApplicationStatus, ApplicationView, InboxSummary
from services.shared.wire.applications import (
    ApplicationCreated, ApplicationFilter, ApplicationSubmission, ScreeningInput,
)


class ApplicationEntrypoints:
    @command(anyone("anyone may apply, on the form or through the API (both flood-limited)"))
    def submit_application(self, payload: dict, request_key: str = None) -> dict:
        data = load(ApplicationSubmission(), payload)
        found = applications.submit(self.db, data, self.config["PRIVACY_NOTICE_VERSION"], request_key)
        status_url = applications.status_link(self.db, found, public_base_url(self.config))
        self.db.commit()
        return ApplicationCreated().dump({
            "application_id": found.id, "person_id": found.person_id, "status_url": status_url})

    @command(scoped("applications:read"))
    def get_application(self, application_id: str) -> dict:
        return self._view(applications.find(self.db, application_id))

    @command(scoped("applications:read"))
    def list_applications(self, filters: dict = None) -> list[dict]:
        found = inbox.search(self.db, utcnow(), self._target_days(), **load(ApplicationFilter(), filters))
        return ApplicationView(many=True).dump(self._views(found))

    @command(scoped("applications:read"))
    def count_applications(self, filters: dict = None) -> int:
        """How many applications match ApplicationFilter (its limit and offset aside)."""
        found = load(ApplicationFilter(), filters)
        return inbox.count(self.db, utcnow(), self._target_days(),
                           **{k: v for k, v in found.items() if k not in ("limit", "offset")})

    @command(scoped("applications:read"))
    def get_inbox_summary(self) -> dict:
        found = inbox.summary(self.db, utcnow(), self._target_days())
        return InboxSummary().dump({**found, "longest_waiting": self._views(found["longest_waiting"])})

    @command(anyone("the token it is given is its own proof"))
    def get_application_status(self, token: str) -> dict:
        return ApplicationStatus().dump(views.status(applications.find_by_token(self.db, token)))

    @command(scoped("screening:write"))
    def record_screening(self, application_id: str, payload: dict) -> dict:
        """The screening decision (`screening:write`, decided by the caller): the application
        as ApplicationView. NotAuthenticated, Forbidden, NotFound, InvalidInput, Conflict."""
        decider = self.caller
        data = load(ScreeningInput(), payload)
        found = screening.screen(self.db, application_id, data, decider.id)
        self.db.commit()
        return self._view(found)

    @command(scoped("people:read", "applications:read", "own:read"))
    def names_of(self, person_ids: list) -> dict:
        """First and last names of people (for the pages of services that keep none): {id:
        {"first_name", "last_name"}}, leaving out whoever was erased. A buddy (`own:read`, for their duo's page) gets first
        names only: they know their partner, and nobody else's surname is theirs to see."""
        ids = [str(i) for i in person_ids or [] if is_uuid(i)][:500]
        names = select(Person.id, Person.first_name, Person.last_name).where(
            Person.id.in_(ids), Person.erased_at.is_(None))  # erased: no name, not "(erased)"
        whole = self.caller.holds("people:read") or self.caller.holds("applications:read")
        return {str(p.id): {"first_name": p.first_name, "last_name": p.last_name if whole else ""}
                for p in (self.db.execute(names) if ids else [])}

    def _view(self, found) -> dict:
        return ApplicationView().dump(self._views([found])[0])

    def _views(self, found: list) -> list[dict]:
        now, target = utcnow(), self._target_days()
        return [views.application(application, now, target) for application in found]

    def _target_days(self) -> int:
        return int(self.config.get("FIRST_CONTACT_TARGET_DAYS") or 5)
