"""Links in messages are minted by intake when a message goes out, never before.

A queued message holds placeholders instead (`https://link.invalid/stop`,
`https://link.invalid/account_setup/<invitation id>`: shaped like a web address, so the HTML
part makes them links, and going nowhere should one ever slip through). When the dispatcher
sends a batch it asks intake for fresh links for all of it in one RPC call (`issue_links`),
puts them into the copy it sends (`Outgoing`) and keeps none: no event, outbox row, held
event, parked message, queue or stored body ever holds a live link. (The messages of one
batch to one person share its links.)
"""
import logging
import re
from dataclasses import dataclass

from nameko.standalone.rpc import ClusterRpcProxy

from services.notifications.models import Delivery
from services.shared.caller import CONTEXT_KEY, Caller
from services.shared.errors import Unavailable
from services.shared.rpc_replies import forget_replies, reply_as_own_user

log = logging.getLogger(__name__)
AS_NOTIFICATIONS = {CONTEXT_KEY: Caller.service("notifications").header()}
PLACEHOLDER = re.compile(r"https://link\.invalid/([a-z_]+)(?:/([0-9a-f-]{36}))?")


def placeholder(purpose: str, ref: str | None = None) -> str:
    """What a message holds until it is sent: `purpose` is intake's (status, stop,
    account_setup), `ref` what the link opens when the purpose needs it (an invitation)."""
    return f"https://link.invalid/{purpose}" + (f"/{ref}" if ref else "")


@dataclass(frozen=True)
class Outgoing:
    """A delivery as it goes on the wire: its row's fields, with fresh links in the body.
    The row itself keeps the placeholders (its outcome is recorded on it)."""

    row: Delivery
    body_text: str | None
    body_html: str | None

    def __getattr__(self, name):  # recipient, subject, calendar, …: the row's
        return getattr(self.row, name)


class LinksUnavailable(Unavailable):
    """Intake did not answer: nothing that needs a link can go out now (the pass is tried
    again, and health says why)."""


class LinkMaker:
    """Fills the placeholders of a batch of deliveries, over one long-lived RPC proxy."""

    def __init__(self, config: dict, timeout: float = 5.0):
        self.config, self.timeout = config, timeout
        self.runner = self.proxy = None

    def fill(self, due: list[Delivery]) -> tuple[list[Outgoing], list[tuple[Delivery, str, bool]]]:
        """Each delivery ready to send, and those that cannot be: (delivery, why, superseded:
        no longer needed, as when its invitation was replaced); LinksUnavailable when intake
        does not answer."""
        wanted = {d.id: _asks(d) for d in due}
        asks = sorted({ask for found in wanted.values() for ask in found})
        urls = dict(zip(asks, self._issue(asks))) if asks else {}
        ready, refused = [], []
        for delivery in due:
            answers = {ask: urls[ask] for ask in wanted[delivery.id]}
            problem = next((a for a in answers.values() if "url" not in a), None)
            if problem:
                refused.append((delivery, f"its link could not be made: {problem['problem']}",
                                bool(problem.get("superseded"))))
            else:
                ready.append(_filled(delivery, answers))
        return ready, refused

    def started(self):
        """The RPC proxy, started when first needed."""
        if self.proxy is None:
            self.runner = reply_as_own_user(ClusterRpcProxy(  # intake mints links for notifications only
                self.config, timeout=self.timeout, context_data=AS_NOTIFICATIONS), self.config)
            self.proxy = self.runner.start()
        return self.proxy

    def close(self):
        runner, self.runner, self.proxy = self.runner, None, None
        if runner is not None:
            forget_replies(runner)  # a late answer holds live links: it must find no queue
            try:
                runner.stop()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close too
                pass

    def _issue(self, asks: list[tuple]) -> list[dict]:
        request = [{"person_id": person, "purpose": purpose, "ref": ref or None} for person, purpose, ref in asks]
        try:
            return self.started().intake.issue_links(request)
        except Exception as exc:  # noqa: BLE001 - whatever failed, the proxy is rebuilt
            self.close()
            raise LinksUnavailable(f"intake could not make the messages' links: {type(exc).__name__}") from exc


def _asks(delivery: Delivery) -> set[tuple]:
    text = f"{delivery.body_text or ''}\n{delivery.body_html or ''}"
    return {(delivery.person_id, purpose, ref) for purpose, ref in PLACEHOLDER.findall(text)}


def _filled(delivery: Delivery, answers: dict) -> Outgoing:
    def put(body):
        return body and PLACEHOLDER.sub(
            lambda m: answers[(delivery.person_id, m.group(1), m.group(2) or "")]["url"], body)
    return Outgoing(delivery, put(delivery.body_text), put(delivery.body_html))
