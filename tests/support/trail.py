"""Where a person's message stopped on its way, for a test that waited in vain: intake's
outbox, notifications' inbox, held events and deliveries, in one paragraph."""
from sqlalchemy import text

STEPS = {
    "intake outbox": "SELECT event_type, published_at, attempts, last_error FROM intake.outbox"
                     " WHERE payload::text LIKE :like ORDER BY id",
    "notifications inbox": "SELECT handler, applied_at FROM notifications.inbox"
                           " WHERE message_id IN (SELECT message_id FROM intake.outbox"
                           " WHERE payload::text LIKE :like)",
    "held": "SELECT handler, awaits_type, awaits_revision, release_at, last_error"
            " FROM notifications.held_event WHERE envelope::text LIKE :like",
    "deliveries": "SELECT template, channel, status, attempts, next_attempt_at, last_error"
                  " FROM notifications.delivery WHERE person_id::text = :person",
    "parked": "SELECT queue, reason FROM notifications.parked_message WHERE body LIKE :like",
}


def message_trail(engine, person_id: str) -> str:
    """Each step's rows about the person (what the test can see, not a judgement)."""
    found = []
    with engine.connect() as connection:
        for step, query in STEPS.items():
            try:
                rows = connection.execute(text(query), {"like": f"%{person_id}%", "person": person_id}).all()
            except Exception as exc:  # noqa: BLE001 - a diagnostic must not hide the failure it explains
                connection.rollback()
                rows = [f"(could not read: {type(exc).__name__})"]
            found.append(f"{step}: {[tuple(row) if not isinstance(row, str) else row for row in rows]}")
    return "; ".join(found)
