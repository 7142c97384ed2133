"""A stand-in for intake's `issue_links`, for tests that run notifications without intake.

Notifications asks intake for fresh links when it sends (notifications/links.py). A test of
notifications alone feeds it events about people intake has never heard of, so it runs this
stand-in under intake's name: each link is `<base>/<intake's path for the purpose>/<purpose>-
<person id>` (so a test can tell whose and which link it is), and a person in `REFUSED` gets
the problem intake gives for an erased person. Intake's own issuing is tested against intake
(test_links.py) and the whole path end to end (tests/e2e).
"""
from nameko.rpc import rpc

from services.intake.links import KINDS, Purpose

BASE = "http://127.0.0.1:8000"
REFUSED: set[str] = set()
REPLACED: set[str] = set()  # invitations (refs) used or replaced: their messages are superseded


def link_for(person_id: str, purpose: str) -> str:
    return f"{BASE}/{KINDS[Purpose(purpose)].path}/{purpose}-{person_id}"


class LinkIssuerStandIn:
    name = "intake"

    @rpc
    def issue_links(self, wanted: list) -> list[dict]:
        return [answer(ask) for ask in wanted]


def answer(ask: dict) -> dict:
    if str(ask["person_id"]) in REFUSED:
        return {"problem": "the person is not known here, or was erased"}
    if ask.get("ref") and str(ask["ref"]) in REPLACED:
        return {"problem": "the invitation was used, replaced or has expired", "superseded": True}
    return {"url": link_for(ask["person_id"], ask["purpose"])}
