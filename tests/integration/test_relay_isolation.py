"""The relay sets aside a stored event that is not what its row says, and publishes the rest:
such a row was published at every pass, or jammed the whole batch, for ever."""
import uuid

import pytest
from sqlalchemy import func, select

from tests.support.backlog import an_outbox_row_with_payload_id, outbox_row
from tests.support.probe import Applied, ProbeConsumer, ProbeProducer
from tests.support.waiting import eventually


@pytest.mark.parametrize("payload_id", ["not-a-uuid", str(uuid.uuid4())],
                         ids=["not a uuid", "another row's id"])
def test_an_event_whose_envelope_is_not_its_rows_is_set_aside_and_the_others_published(
        start_service, rpc, db, payload_id):
    bad = an_outbox_row_with_payload_id(db, payload_id)
    start_service(ProbeConsumer)
    start_service(ProbeProducer)
    rpc.probe_producer.emit(0, 20)
    with db.connect() as connection:
        eventually(lambda: connection.scalar(select(func.count()).select_from(Applied)) == 20,
                   timeout=15, message="the 20 healthy events applied")
    row = eventually(lambda: outbox_row(db, "probe_producer", bad).failed_at and
                     outbox_row(db, "probe_producer", bad), timeout=10)
    assert row.published_at is None and "does not match its outbox row" in row.last_error
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Applied)) == 20, "each once"
