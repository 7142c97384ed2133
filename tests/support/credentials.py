"""Shared by the credential tests: coordinators' sign-in, and RPC as a credential's holder."""
from services.intake import accounts
from services.manage import service_session
from services.shared.caller import Caller

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
