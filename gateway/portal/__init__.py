"""The coordinator's portal, and a buddy's own page."""
from gateway.portal import (accounts, applications, buddy, dashboard, duos, intake, matching,
                            notifications, operations, people, pool, signin)


def register(app):
    for module in (signin, dashboard, applications, intake, people, pool, matching, duos, notifications,
                   operations, accounts, buddy):
        app.register_blueprint(module.bp)
