"""The followup service's tables (schema `followup`)."""
from sqlalchemy.orm import DeclarativeBase

from services.shared.models import schema_metadata
from services.shared.tables import backbone


class Base(DeclarativeBase):
    metadata = schema_metadata("followup")


BACKBONE = backbone(Base.metadata)
