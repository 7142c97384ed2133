"""The coordinator's tuning of the scoring: each criterion's weight and the furthest distance."""
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from services.matching.models import Setting
from services.matching.scoring import DEFAULT_WEIGHTS, MAX_DISTANCE_KM

MAX_KM = "max_km"


def current(session: Session) -> tuple[dict, float]:
    """The weights (defaults where untuned) and the maximum distance in km."""
    stored = dict(session.execute(select(Setting.name, Setting.value)).all())
    weights = {name: stored.get(name, default) for name, default in DEFAULT_WEIGHTS.items()}
    return weights, stored.get(MAX_KM, MAX_DISTANCE_KM)


def tune(session: Session, weights: dict, max_km: float | None) -> None:
    """Change some weights (and perhaps the distance); the rest keep their value."""
    values = {**weights, **({MAX_KM: max_km} if max_km is not None else {})}
    for name, value in values.items():
        statement = insert(Setting).values(name=name, value=value)
        session.execute(statement.on_conflict_do_update(index_elements=[Setting.name],
                                                        set_={"value": value}))


def reset(session: Session) -> None:
    """Back to the defaults."""
    session.execute(delete(Setting))


def view(session: Session) -> dict:
    weights, max_km = current(session)
    return {"weights": weights, "max_km": max_km,
            "defaults": {"weights": DEFAULT_WEIGHTS, "max_km": MAX_DISTANCE_KM}}
