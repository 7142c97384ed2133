"""What anyone can open: the home page, the application form and a personal status page."""
from gateway.public import account, apply, home, info, privacy, status, stop


def register(app):
    for module in (home, apply, status, account, info, privacy, stop):
        app.register_blueprint(module.bp)
