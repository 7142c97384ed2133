"""Browser tests: a journey runs in Chromium in a process of its own (see journeys.py) against
the whole platform; the test then checks what the platform did with it."""
import os
import shutil
import subprocess
import sys

import pytest

JOURNEY_TIMEOUT_SECONDS = 120


@pytest.fixture
def browse(fresh, tmp_path):
    """Walk a journey from journeys.py; fails with what the browser saw if a step fails."""
    if not shutil.which("chromium"):
        pytest.fail("Chromium is missing: `make test` installs Debian's package, or run: "
                    "sudo apt-get install chromium")

    def walk(name: str, **given):
        """`given` reaches the journey as JOURNEY_<NAME> environment variables."""
        env = {**os.environ, **{f"JOURNEY_{key.upper()}": value for key, value in given.items()}}
        done = subprocess.run(
            [sys.executable, "-m", "tests.browser.journeys", name, fresh.base_url, str(tmp_path)],
            capture_output=True, text=True, timeout=JOURNEY_TIMEOUT_SECONDS, env=env)
        assert done.returncode == 0, (f"the journey {name} failed (screenshot in {tmp_path}):\n"
                                      f"{done.stdout}{done.stderr}")
    return walk
