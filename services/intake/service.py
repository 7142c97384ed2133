"""The intake service: the digital counter, intake interviews, screening, accounts, privacy."""
from services.intake.entrypoints.accounts import AccountEntrypoints
from services.intake.entrypoints.applications import ApplicationEntrypoints
from services.intake.entrypoints.credentials import CredentialEntrypoints
from services.intake.entrypoints.interviews import InterviewEntrypoints
from services.intake.entrypoints.links import LinkEntrypoints
from services.intake.entrypoints.matches import MatchEntrypoints
from services.intake.entrypoints.people import PeopleEntrypoints
from services.intake.models import Base
from services.intake.retention import LinkRetention, RejectedRetention, SignInRetention
from services.shared.database import Database
from services.shared.relay import OutboxRelay
from services.shared.revocations import RevocationList
from services.shared.service import BackboneService


class IntakeService(ApplicationEntrypoints, InterviewEntrypoints, PeopleEntrypoints,
                    AccountEntrypoints, CredentialEntrypoints, MatchEntrypoints, LinkEntrypoints,
                    BackboneService):
    name = "intake"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
    revocations = RevocationList()
    rejected_retention = RejectedRetention()
    sign_in_retention = SignInRetention()
    link_retention = LinkRetention()
