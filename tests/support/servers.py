"""Restarting the real RabbitMQ and PostgreSQL in the middle of a test."""
import subprocess
from pathlib import Path

import eventlet


def _postgres_version() -> str:
    return sorted(Path("/etc/postgresql").iterdir(), key=lambda p: int(p.name.split(".")[0]))[-1].name


def restart_rabbitmq(down_seconds: float = 2.0):
    """Stop the broker application (every connection drops), wait, start it again."""
    try:
        subprocess.run(["rabbitmqctl", "-q", "stop_app"], check=True, timeout=120)
        eventlet.sleep(down_seconds)
    finally:
        subprocess.run(["rabbitmqctl", "-q", "start_app"], check=True, timeout=120)
        subprocess.run(["rabbitmqctl", "-q", "await_startup"], check=True, timeout=120)


def restart_postgres(down_seconds: float = 2.0):
    """Stop PostgreSQL (fast mode: every transaction is rolled back), wait, start it again."""
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", _postgres_version(), "main"]
    try:
        subprocess.run([*cluster, "stop"], check=True, timeout=120)
        eventlet.sleep(down_seconds)
    finally:
        subprocess.run([*cluster, "start"], check=True, timeout=120)
