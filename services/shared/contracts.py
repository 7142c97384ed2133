"""Wire contracts: the event envelope, one schema per event type and version, and the
catalogue that says who produces each event and which handlers consume it.

Producers are strict (a payload that breaks its contract is refused before it is stored);
consumers are tolerant (unknown fields are ignored, so adding a field is never breaking).
"""
import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate


class ContractViolation(ValueError):
    """An event or envelope does not match its contract."""

    def __init__(self, message, errors=None):
        super().__init__(f"{message}: {errors}" if errors else message)
        self.errors = errors or {}


class EnvelopeSchema(Schema):
    """What every event on the bus looks like around its `data`."""

    class Meta:
        unknown = EXCLUDE

    message_id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9_]*$"))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    correlation_id = fields.String(load_default=None, allow_none=True)
    # the record the event is about, and its revision (see ordering.py); absent only from
    # events written before subjects existed, which consumers apply as they come
    subject_type = fields.String(load_default=None, allow_none=True)
    subject_id = fields.String(load_default=None, allow_none=True)
    revision = fields.Integer(load_default=None, allow_none=True, strict=True,
                              validate=validate.Range(min=1))
    data = fields.Dict(required=True)


_ENVELOPE = EnvelopeSchema()  # schemas keep no state between loads: one instance serves all


@dataclass(frozen=True)
class Event:
    """An event as a consumer sees it: the envelope with its data checked against the contract."""

    message_id: str
    type: str
    version: int
    occurred_at: datetime
    correlation_id: str | None
    data: dict
    subject_type: str | None = None
    subject_id: str | None = None
    revision: int | None = None


@dataclass(frozen=True, eq=False)
class Contract:
    """One event type at one version: its producer, schema, subject and consuming handlers.

    `subject` names the kind of record every event of this type is about (`person`, `duo`, …):
    the producer numbers each subject's events 1, 2, 3, … (see outbox.py and ordering.py).
    """

    type: str
    producer: str
    schema: type[Schema]
    summary: str
    version: int = 1
    consumers: tuple[str, ...] = field(default_factory=tuple)
    subject: str = ""

    @functools.cached_property
    def _producing(self) -> Schema:
        return self.schema()

    @functools.cached_property
    def _consuming(self) -> Schema:
        return self.schema(unknown=EXCLUDE)

    def serialize(self, source) -> dict:
        """The event's data, taken from `source` (a dict or object) field by field: a field
        the schema does not name never leaves the service."""
        try:
            wire = self._producing.dump(source)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ContractViolation(f"{self.type} v{self.version}: a field has the wrong type",
                                    {"_schema": [str(exc)]}) from exc
        errors = self._producing.validate(wire)
        if errors:
            raise ContractViolation(f"{self.type} v{self.version} would break its contract", errors)
        return wire

    def deserialize(self, data: dict) -> dict:
        """The data as a consumer reads it: checked, unknown fields dropped at every depth."""
        try:
            return self._consuming.load(known_only(self._consuming, data))
        except ValidationError as exc:
            raise ContractViolation(f"{self.type} v{self.version} breaks its contract",
                                    exc.messages) from exc


def known_only(schema: Schema, data):
    """`data` without the keys `schema` does not declare, nested schemas included: a field a
    producer added later must not break an older consumer (marshmallow's EXCLUDE only acts on
    the top level)."""
    if not isinstance(data, dict):
        return data
    kept = {}
    for declared in schema.fields.values():
        key = declared.data_key or declared.name
        if key in data:
            kept[key] = _known_value(declared, data[key])
    return kept


def _known_value(field, value):
    if isinstance(field, fields.Nested):
        nested = field.schema
        return [known_only(nested, item) for item in value] if isinstance(value, list) \
            else known_only(nested, value)
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested) \
            and isinstance(value, list):
        return [known_only(field.inner.schema, item) for item in value]
    return value


class Catalogue:
    """All event contracts of a set of services; the single source of the bus topology."""

    def __init__(self, contracts):
        self._contracts = {(c.type, c.version): c for c in contracts}
        unnamed = [c.type for c in self._contracts.values() if not c.subject]
        if unnamed:
            raise ValueError(f"every event is about a subject; these name none: {unnamed}")
        producers = {}
        for contract in self._contracts.values():
            producers.setdefault(contract.subject, set()).add(contract.producer)
        shared = {subject: sorted(names) for subject, names in producers.items() if len(names) > 1}
        if shared:  # each producer numbers its subjects' revisions itself
            raise ValueError(f"a subject has one producer, or its revisions would clash: {shared}")

    def __iter__(self):
        return iter(self._contracts.values())

    def get(self, event_type: str, version: int = 1) -> Contract:
        try:
            return self._contracts[(event_type, version)]
        except KeyError:
            raise ContractViolation(f"no contract for {event_type} v{version}") from None

    def latest(self, event_type: str) -> Contract:
        """The newest version of `event_type` (what its producer writes now)."""
        versions = [c for c in self if c.type == event_type]
        if not versions:
            raise ContractViolation(f"no contract for {event_type}")
        return max(versions, key=lambda c: c.version)

    def of_subject(self, subject: str) -> list[Contract]:
        """Every contract whose events are about `subject` records."""
        return [c for c in self if c.subject == subject]

    def produced_by(self, service: str) -> list[Contract]:
        return [c for c in self if c.producer == service]

    def consumers_of(self, service: str) -> list[tuple[Contract, str]]:
        """(contract, handler method) pairs for every handler `service` must have."""
        return [(c, handler.split(".", 1)[1]) for c in self for handler in c.consumers
                if handler.split(".", 1)[0] == service]


def envelope(contract: Contract, source, correlation_id=None, message_id=None,
             subject_id=None, revision=None) -> dict:
    """A new event, ready for the outbox: about `contract.subject` `subject_id`, whose
    `revision`-th event it is."""
    return {
        "message_id": str(message_id or uuid.uuid4()),
        "type": contract.type,
        "version": contract.version,
        "occurred_at": datetime.now(timezone.utc).isoformat(),
        "correlation_id": correlation_id,
        "subject_type": None if subject_id is None else contract.subject,
        "subject_id": None if subject_id is None else str(subject_id),
        "revision": revision,
        "data": contract.serialize(source),
    }


def parse_event(body, catalogue: Catalogue) -> Event:
    """Read an incoming message body into an Event, or raise ContractViolation."""
    if not isinstance(body, dict):
        raise ContractViolation("the message body is not a JSON object")
    try:
        wrapper = _ENVELOPE.load(body)
    except ValidationError as exc:
        raise ContractViolation("the envelope is malformed", exc.messages) from exc
    contract = catalogue.get(wrapper["type"], wrapper["version"])
    _check_subject(wrapper, contract)
    return Event(message_id=str(wrapper["message_id"]), type=wrapper["type"],
                 version=wrapper["version"], occurred_at=wrapper["occurred_at"],
                 correlation_id=wrapper["correlation_id"],
                 data=contract.deserialize(wrapper["data"]),
                 subject_type=wrapper["subject_type"], subject_id=wrapper["subject_id"],
                 revision=wrapper["revision"])


def _check_subject(wrapper: dict, contract: Contract):
    """A subject comes whole (type, id and revision) and is the one the contract names."""
    given = [wrapper[key] is not None for key in ("subject_type", "subject_id", "revision")]
    if any(given) and not all(given):
        raise ContractViolation("the envelope names a subject without its type, id or revision")
    if all(given) and wrapper["subject_type"] != contract.subject:
        raise ContractViolation(f"{contract.type} is about a {contract.subject}, "
                                f"not a {wrapper['subject_type']}")
