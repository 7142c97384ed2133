"""docs/events.md, written from the catalogue itself: `python -m services.manage catalogue`."""
from marshmallow import fields

from services.shared import topology
from services.shared.contracts import Catalogue

HEADER = """# Event catalogue

Written from `services/shared/wire/` by `python -m services.manage catalogue > docs/events.md`
(a test fails when this file and the code disagree). Every event travels in the envelope
`message_id`, `type`, `version`, `occurred_at`, `correlation_id`, `subject_type`, `subject_id`,
`revision`, `data`; each section names the subject and lists the fields of `data`. Every event
is about one subject, and its producer numbers the events of each subject 1, 2, 3, … in the
order of their commits (see docs/architecture.md, "Order per record"). A consumer's queue is
named after its handler: renaming a handler is a change of the wire contract.
"""


KINDS = {"AwareDateTime": "timestamp with time zone", "UUID": "uuid", "Url": "URL",
         "Email": "e-mail address", "String": "text", "Integer": "integer", "Boolean": "boolean"}


def _field(name: str, field: fields.Field) -> str:
    kind = KINDS.get(type(field).__name__, type(field).__name__.lower())
    return f"`{name}` ({kind}{'' if field.required else ', optional'})"


def render(catalogue: Catalogue) -> str:
    lines = [HEADER]
    for contract in sorted(catalogue, key=lambda c: (c.producer, c.type, c.version)):
        lines += [f"## `{contract.type}` v{contract.version}", "",
                  f"Produced by **{contract.producer}**: {contract.summary}.", "",
                  f"Subject: `{contract.subject}`.", "",
                  "Data: " + ", ".join(_field(n, f) for n, f in contract.schema().fields.items())
                  + ".", "", "Consumed by:", ""]
        for handler in contract.consumers:
            service, method = handler.split(".", 1)
            queue = topology.event_queue_name(contract.producer, contract.type, service, method)
            lines.append(f"- `{handler}` (queue `{queue}`)")
        lines.append("")
    return "\n".join(lines)
