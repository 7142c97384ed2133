"""Services as real processes, started with the same command as in production."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import eventlet
from nameko.standalone.rpc import ClusterRpcProxy

from services.shared.config import ROOT


class ManagedProcess:
    """A command run from the project root, its output kept in a log file."""

    def __init__(self, name: str, command: list[str], log_dir: Path, env: dict | None = None):
        self.name, self.command = name, command
        self.env = {**os.environ, **(env or {})}
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None

    def start(self) -> "ManagedProcess":
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT)
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL: no goodbye, as when a machine or a container dies."""
        if self.running():
            self.process.send_signal(signal.SIGKILL)
            self._wait(10)

    def stop(self, timeout: float = 20):
        """SIGTERM, as honcho or Kubernetes would; SIGKILL if it does not go in time."""
        if self.running():
            self.process.send_signal(signal.SIGTERM)
            if not self._wait(timeout):
                self.kill()

    def _wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            eventlet.sleep(0.05)
        return self.process.poll() is not None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class ServiceProcess(ManagedProcess):
    """`python -m services.run <spec>`, as the Procfile starts every service."""

    def __init__(self, spec: str, log_dir: Path, env: dict | None = None):
        super().__init__(spec.rsplit(":", 1)[-1], [sys.executable, "-m", "services.run", spec],
                         log_dir, env)


def wait_healthy(config: dict, service: str, timeout: float = 30.0, process=None):
    """Until `service` answers its health RPC (its consumers are then running too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and not process.running():
            raise AssertionError(f"{service} exited:\n{process.log_tail()}")
        try:
            with ClusterRpcProxy(config, timeout=2) as proxy:
                if proxy[service].health()["status"] == "ok":
                    return
        except Exception:  # noqa: BLE001 - not up yet
            eventlet.sleep(0.2)
    raise AssertionError(f"{service} did not become healthy within {timeout} s"
                         + (f":\n{process.log_tail()}" if process else ""))
