"""Shared by the credential tests: coordinators' sign-in, and RPC as a credential's holder."""
from services.intake import accounts
from services.manage import service_session
from services.shared.caller import Caller
from tests.support.applicants import invitation_token
from tests.support.builders import an_application

PASSWORD = "a long and lovely password"


def two_coordinators(config) -> list[dict]:
    """Ann and Bo, coordinators; their sign-in ({"email", "password"})."""
    with service_session(config, "intake") as session:
        for name in ("ann", "bo"):
            accounts.create_account(session, f"{name}@example.org", PASSWORD, "coordinator", name.title())
        session.commit()
    return [{"email": f"{name}@example.org", "password": PASSWORD} for name in ("ann", "bo")]


def as_holder(rpc_as, issued: dict):
    """RPC as the account a credential was issued to, as the gateway sends it."""
    return rpc_as(Caller(issued["account_id"], issued["kind"], issued["role"], tuple(issued["scopes"]))).intake


def a_buddy_with_an_account(intake, link_maker, outbox, email="an@example.org", **answers) -> tuple[dict, dict]:
    """An approved buddy who chose PASSWORD with their invitation: what applying answered, and
    a portal session they opened with it (`outbox`: intake's, as the fixture reads it)."""
    created = intake.submit_application(an_application(role="buddy", email=email, **answers))
    intake.record_screening(created["application_id"], {"decision": "approved", "reason": "ok"})
    intake.accept_invitation(invitation_token(link_maker, outbox("buddy_invited")[-1]), {"password": PASSWORD})
    return created, intake.start_session({"email": email, "password": PASSWORD})
