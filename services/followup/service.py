"""The follow-up service: on the backbone, answering health; trajectories arrive with duos."""
from services.followup.models import Base
from services.shared.database import Database
from services.shared.relay import OutboxRelay
from services.shared.service import BackboneService


class FollowupService(BackboneService):
    name = "followup"
    db = Database(Base.metadata)
    relay = OutboxRelay(Base.metadata)
