"""The WSGI application for gunicorn: `gunicorn gateway.wsgi:app`."""
from gateway import create_app

app = create_app()
