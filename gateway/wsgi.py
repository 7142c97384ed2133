"""The WSGI application for gunicorn: `gunicorn gateway.wsgi:app`."""
import os

from gateway import create_app
from services.shared.tracing import configure_logging

configure_logging("gateway", os.environ.get("LOG_LEVEL", "INFO"))
app = create_app()
