"""2,000 calendar invitations (each with its .ics, like a buddy-day invitation) through the
real path — an event on RabbitMQ, the notifications service's handler, the delivery log, the
dispatcher, a fresh stop link from intake for each, SMTP — into a local SMTP server, beside a plain smtplib loop sending 2,000
messages of the same size to the same server over one connection, in the same run."""
import smtplib
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.journey import prepare
from tests.support.events import an_event, publish
from tests.support.platform import free_port
from tests.support.processes import ManagedProcess, ServiceProcess, wait_healthy

COUNT = 2000
STARTS = datetime(2030, 6, 14, 9, 0, tzinfo=timezone.utc)


def seed_contacts(config) -> list[str]:
    """The people, as intake knows them (it mints their links) and as notifications does."""
    people = [{"p": str(uuid.uuid4()), "e": f"buddy.{n}@example.org"} for n in range(COUNT)]
    engine = create_engine(config["DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO intake.person (id, role, first_name, last_name, email, language, channel, profile,"
            " created_at) VALUES (:p, 'buddy', 'Lotte', 'Peeters', :e, 'nl', 'email', '{}', now())"), people)
        connection.execute(text(
            "INSERT INTO notifications.contact (person_id, role, first_name, email, language, channel,"
            " updated_at) VALUES (:p, 'buddy', 'Lotte', :e, 'nl', 'email', now())"), people)
    engine.dispose()
    return [person["p"] for person in people]


def invitations(people) -> list[dict]:
    return [an_event("intake_scheduled", {
        "interview_id": str(uuid.uuid4()), "application_id": str(uuid.uuid4()), "person_id": person,
        "starts_at": STARTS, "ends_at": STARTS + timedelta(hours=6), "mode": "in_person",
        "location": "Huis van de Wereld, Sint-Truiden", "sequence": 0}) for person in people]


def count(folder: Path) -> int:
    return sum(1 for _ in folder.glob("*.eml")) if folder.is_dir() else 0


def wait_for(folder: Path, expected: int, timeout: float = 300) -> float:
    deadline = time.perf_counter() + timeout
    while count(folder) < expected:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{count(folder)} of {expected} emails after {timeout} s")
        time.sleep(0.05)
    return time.perf_counter()


def plain_smtplib(port: int, like: EmailMessage) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(COUNT):
            del like["To"]
            like["To"] = f"baseline.{n}@example.org"
            smtp.send_message(like)
    return time.perf_counter() - started


def main(config):
    prepare(config)
    people = seed_contacts(config)
    with tempfile.TemporaryDirectory() as run_dir:
        port, maildir = free_port(), Path(run_dir) / "mail"
        env = {"SMTP_PORT": str(port), "MAILCATCHER_DIR": str(maildir), "EMAIL_PER_SECOND": "0",
               "NOTIFY_RETRY_BASE_SECONDS": "1", "LOG_LEVEL": "WARNING"}
        catcher = ManagedProcess("mail", [sys.executable, "scripts/mailcatcher.py"], Path(run_dir), env).start()
        service = ServiceProcess("notifications", Path(run_dir), env).start()
        intake = ServiceProcess("intake", Path(run_dir), env).start()
        try:
            wait_healthy(config, "notifications", process=service)
            wait_healthy(config, "intake", process=intake)
            time.sleep(0.5)
            started = time.perf_counter()
            publish(config, *invitations(people))
            real = wait_for(maildir, COUNT) - started
            sample = sorted(maildir.glob("*.eml"))[0].read_bytes()
            like = _like(sample)
            before = count(maildir)
            baseline = plain_smtplib(port, like)
            wait_for(maildir, before + COUNT)
        finally:
            service.stop()
            intake.stop()
            catcher.stop()
    print(f"\nEmail: {COUNT} calendar invitations into a local SMTP server (emails per second)")
    print(f"  baseline: plain smtplib loop, one connection      {COUNT / baseline:8,.0f}")
    print(f"  event -> handler -> delivery log -> SMTP           {COUNT / real:8,.0f}   "
          f"{baseline / real:4.2f} x baseline   ({real:.1f} s for all {COUNT}, "
          f"{len(sample):,} bytes each; each invitation also plans its reminder)")


def _like(raw: bytes) -> EmailMessage:
    import email
    import email.policy
    return email.message_from_bytes(raw, policy=email.policy.default)
