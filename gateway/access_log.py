"""gunicorn's access log without secrets: a status page, stop or password link carries its
token in the path, and a log line must never hold a live one."""
import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(r"/(status|stop|account/setup)/[^/?#\s\"]+")


def redact(text: str) -> str:
    """`text` with the token of every secret link replaced: '/status/[token]'."""
    return SECRET_PATHS.sub(lambda found: f"/{found.group(1)}/[token]", text)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
