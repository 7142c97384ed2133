"""What anyone can open: the home page, the application form and a personal status page."""
from gateway.public import apply, home, status


def register(app):
    for module in (home, apply, status):
        app.register_blueprint(module.bp)
