"""The deployment files stay in step with the code (no Docker engine runs here to try them)."""
import re

import yaml

from services import SERVICES
from services.shared.config import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def test_compose_runs_every_service_and_the_gateway_after_setup():
    services = compose()["services"]
    for name in SERVICES:
        assert services[name]["command"] == ["python", "-m", "services.run", name]
        assert services[name]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert services["setup"]["command"] == ["python", "-m", "services.manage", "setup"]
    assert "gateway.wsgi:app" in services["gateway"]["command"]


def test_the_procfile_and_compose_start_the_same_processes():
    procfile = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines())
    assert set(procfile) - {"mail", "sms"} == set(SERVICES) | {"gateway"}
    for name in SERVICES:
        assert procfile[name] == f"exec python -m services.run {name}"


def test_compose_sets_no_secret_of_its_own():
    text = (ROOT / "deploy" / "compose.yaml").read_text()
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD", "RABBITMQ_PASSWORD"):
        assert re.search(rf"\${{{secret}:\?", text), f"{secret} must come from the environment"
