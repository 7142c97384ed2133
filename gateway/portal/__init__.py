"""The coordinator's portal."""
from gateway.portal import applications, dashboard, operations, pool, signin


def register(app):
    for module in (signin, dashboard, applications, pool, operations):
        app.register_blueprint(module.bp)
