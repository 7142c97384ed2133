"""Declarative bases for the services: one schema each, with constraint names that are
stable across migrations."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import MetaData

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def schema_metadata(schema: str) -> MetaData:
    """A MetaData whose tables live in `schema`."""
    return MetaData(schema=schema, naming_convention=NAMING)


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def is_uuid(value) -> bool:
    """Whether `value` reads as a UUID (checked before it reaches a uuid column)."""
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False
