"""The events service's tables (schema `events`)."""
from sqlalchemy.orm import DeclarativeBase

from services.shared.models import schema_metadata
from services.shared.tables import backbone


class Base(DeclarativeBase):
    metadata = schema_metadata("events")


BACKBONE = backbone(Base.metadata)
