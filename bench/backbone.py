"""Events through the backbone, against a plain kombu publisher with per-message confirms.

- baseline: kombu publishes event-sized messages one by one, waiting for each confirm, into a
  durable quorum queue (what our event queues are) — and into a classic queue, for reference;
- relay: committed outbox events published by the relay with batched confirms;
- pipeline: outbox -> relay -> RabbitMQ -> @on_event handler with its inbox, producer and
  consumer each in its own process as deployed, from the commit to the last event applied.
"""
from services.shared import boot  # noqa: F401,I001 - eventlet and psycopg set up first

import json
import subprocess
import sys
import tempfile
import time
import uuid

import kombu
from sqlalchemy import create_engine, text

from services.shared import topology
from services.shared.config import ROOT, load_config
from services.shared.database import session_factory
from services.shared.outbox import record_event
from services.shared.publisher import BatchPublisher
from services.shared.relay import relay_once
from services.shared.tables import backbone
from tests.support import broker
from tests.support.probe import PROBE, ProducerBase, create_schemas
from tests.support.processes import ServiceProcess, wait_healthy

QUEUE = topology.event_queue_name("probe_producer", "probe_happened", "probe_consumer", "apply_probe")
SAMPLE_EVENT = {"message_id": str(uuid.uuid4()), "type": "probe_happened", "version": 1,
                "occurred_at": "2026-11-27T10:00:00+00:00", "correlation_id": uuid.uuid4().hex,
                "data": {"seq": 1, "pause": 0.0, "trace": False}}


def kombu_per_message_confirms(config, count: int, quorum: bool) -> float:
    """Messages per second: one publish, one confirm, one after the other."""
    body = json.dumps(SAMPLE_EVENT).encode()
    name = f"bench-baseline-{'quorum' if quorum else 'classic'}"
    queue = kombu.Queue(name, durable=True, auto_delete=False,
                        queue_arguments={"x-queue-type": "quorum"} if quorum else None)
    with kombu.Connection(config["AMQP_URI"], transport_options={"confirm_publish": True}) as conn:
        queue.bind(conn.default_channel).declare()
        producer = conn.Producer()
        started = time.perf_counter()
        for _ in range(count):
            producer.publish(body, exchange="", routing_key=name, delivery_mode=2,
                             content_type="application/json", content_encoding="utf-8", retry=False)
        elapsed = time.perf_counter() - started
        queue.bind(conn.default_channel).delete()
    return count / elapsed


def fill_outbox(engine, count: int, first: int = 0) -> float:
    """Commit `count` events into the probe producer's outbox, as the service would; the
    moment of the commit (from then on the relay can see them)."""
    sessions = session_factory(engine, ProducerBase.metadata, PROBE)
    with sessions() as session:
        for seq in range(first, first + count):
            record_event(session, "probe_happened", {"seq": seq, "trace": False}, subject_id=seq)
        committed = time.perf_counter()
        session.commit()
    return committed


def relay_rate(config, engine, count: int) -> float:
    """Events per second the relay publishes with batched confirms (nobody consuming)."""
    fill_outbox(engine, count)
    publisher = BatchPublisher(config["AMQP_URI"], on_connect=lambda ch: topology.declare(ch, PROBE))
    tables = backbone(ProducerBase.metadata)
    started = time.perf_counter()
    while relay_once(engine, tables, publisher, "probe_producer", 500, PROBE):
        pass
    elapsed = time.perf_counter() - started
    publisher.close()
    broker.purge(config, [QUEUE])
    return count / elapsed


def applied(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM probe_consumer.applied")).scalar_one()


def pipeline_rate(config, engine, count: int, log_dir) -> float:
    """Events per second from the outbox commit to the last event applied by the consumer."""
    processes = [ServiceProcess(f"tests.support.probe:{name}", log_dir)
                 for name in ("ProbeConsumer", "ProbeProducer")]
    for process in processes:
        process.start()
    try:
        wait_healthy(config, "probe_consumer", process=processes[0])
        wait_healthy(config, "probe_producer", process=processes[1])
        fill_outbox(engine, 200, first=10**6)  # warm up connections and pools
        while applied(engine) < 200:
            time.sleep(0.05)
        started = fill_outbox(engine, count)
        while applied(engine) < count + 200:
            time.sleep(0.01)
        return count / (time.perf_counter() - started)
    finally:
        for process in processes:
            process.stop()


def prepare(config):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "infra.py")], check=True,
                   stdout=subprocess.DEVNULL)
    engine = create_engine(config["DATABASE_URL"], pool_pre_ping=True)
    create_schemas(engine)
    with broker.connection(config) as connection:
        topology.declare(connection.default_channel, PROBE)
    broker.purge(config, [QUEUE, topology.parked_queue_name("probe_consumer")])
    return engine


def main():
    config = load_config()
    engine = prepare(config)
    quorum = kombu_per_message_confirms(config, 3000, quorum=True)
    classic = kombu_per_message_confirms(config, 3000, quorum=False)
    relay = relay_rate(config, engine, 20000)
    with tempfile.TemporaryDirectory() as log_dir:
        pipeline = pipeline_rate(config, engine, 10000, log_dir)
    print("Event backbone (events per second)")
    print(f"  baseline: kombu, per-message confirms, quorum queue   {quorum:9,.0f}")
    print(f"  reference: the same into a classic queue                {classic:9,.0f}")
    print(f"  relay: outbox -> RabbitMQ, batched confirms           {relay:9,.0f}   "
          f"{relay / quorum:5.1f} x baseline")
    print(f"  pipeline: outbox -> relay -> RabbitMQ -> inbox        {pipeline:9,.0f}   "
          f"{pipeline / quorum:5.1f} x baseline")
    engine.dispose()
