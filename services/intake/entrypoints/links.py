"""Links without a password: minted for messages as they are sent, opened by the public pages."""
from services.intake import links
from services.shared.config import public_base_url
from services.shared.errors import InvalidInput, NotFound
from services.shared.caller import anyone, service_only
from services.shared.service import command

MAX_AT_ONCE = 500  # a dispatcher batch asks for at most two links per message


class LinkEntrypoints:
    @command(service_only("notifications"))
    def issue_links(self, wanted: list) -> list[dict]:
        """Fresh links for messages about to be sent (links.py). `wanted`: a list of
        {"person_id", "purpose": "status" | "account_setup" | "stop", "ref": invitation id
        for account_setup}; the answer, in the same order, is {"url": absolute URL} or
        {"problem": why none can be issued (the person erased, the invitation used, …)}.
        InvalidInput when `wanted` is not a list of at most 500 such objects."""
        if not isinstance(wanted, list) or len(wanted) > MAX_AT_ONCE or not all(
                isinstance(ask, dict) for ask in wanted):
            raise InvalidInput({"wanted": [f"Give a list of at most {MAX_AT_ONCE} objects."]})
        issued = links.issue(self.db, public_base_url(self.config), wanted)
        self.db.commit()
        return issued

    @command(anyone("the token it is given is its own proof"))
    def open_link(self, token: str, purpose: str) -> dict:
        """Whom a link is for, when a public page opens it: {"person_id", "language"}.
        NotFound (no such link of that purpose, or its person was erased), Gone (expired or
        used)."""
        try:
            kind = links.Purpose(purpose)
        except ValueError:
            raise NotFound("This link is not valid.") from None
        link = links.open_link(self.db, str(token), kind)
        person = link.person
        return {"person_id": person.id, "language": person.language}
