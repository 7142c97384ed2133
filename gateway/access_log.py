"""gunicorn's logs without secrets: a status page, stop or password link carries its token in
the path, and neither the access log nor the error log may hold a live one."""
from gunicorn.glogging import Logger

from services.shared.redaction import RedactingFilter, redact


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:  # "Error handling request /status/…"
            handler.addFilter(RedactingFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
