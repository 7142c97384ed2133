"""Wire contracts: strict for producers, tolerant for consumers."""
import uuid

import pytest
from marshmallow import Schema, fields

from services.shared.contracts import Catalogue, Contract, ContractViolation, envelope, parse_event


class Greeted(Schema):
    person_id = fields.UUID(required=True)
    language = fields.String(required=True)


GREETED = Contract("person_greeted", "intake", Greeted, "test", consumers=("matching.note_greeting",),
                   subject="person")
CATALOGUE = Catalogue([GREETED])
PERSON = str(uuid.uuid4())


def test_a_producer_sends_only_the_fields_of_the_contract():
    message = envelope(GREETED, {"person_id": PERSON, "language": "ar", "notes": "private"},
                       correlation_id="c-1", subject_id=PERSON, revision=3)
    assert message["data"] == {"person_id": PERSON, "language": "ar"}
    assert set(message) == {"message_id", "type", "version", "occurred_at", "correlation_id",
                            "subject_type", "subject_id", "revision", "data"}
    assert message["type"] == "person_greeted" and message["version"] == 1
    assert message["correlation_id"] == "c-1"
    assert (message["subject_type"], message["subject_id"], message["revision"]) == ("person", PERSON, 3)


def test_every_event_of_the_platform_names_its_subject():
    from services.shared.wire import PLATFORM
    assert {c.type: c.subject for c in PLATFORM if c.producer == "matching"} == dict.fromkeys(
        ("match_proposed", "introduction_scheduled", "match_declined", "duo_formed",
         "duo_changed", "duo_ended"), "duo"), "a proposal and the duo it becomes are one subject"
    with pytest.raises(ValueError, match="person_greeted"):
        Catalogue([Contract("person_greeted", "intake", Greeted, "no subject")])


def test_a_producer_cannot_send_an_event_missing_a_required_field():
    with pytest.raises(ContractViolation) as raised:
        envelope(GREETED, {"person_id": PERSON})
    assert "language" in raised.value.errors


def test_a_consumer_ignores_unknown_fields_at_every_depth():
    class Spoken(Schema):
        code = fields.String(required=True)

    class Profiled(Schema):
        person_id = fields.UUID(required=True)
        languages = fields.List(fields.Nested(Spoken), required=True)
        best = fields.Nested(Spoken, required=True)

    contract = Contract("profiled", "intake", Profiled, "test", subject="person")
    body = envelope(contract, {"person_id": PERSON, "languages": [{"code": "ar"}], "best": {"code": "ar"}})
    body["data"]["languages"][0]["level"] = "fluent"  # added by a newer producer
    body["data"]["best"]["since"] = 2020
    event = parse_event(body, Catalogue([contract]))
    assert event.data["languages"] == [{"code": "ar"}] and event.data["best"] == {"code": "ar"}


def test_a_value_of_the_wrong_type_breaks_the_contract_clearly():
    class Timed(Schema):
        at = fields.AwareDateTime(required=True)
    with pytest.raises(ContractViolation) as raised:
        envelope(Contract("timed", "intake", Timed, "test", subject="person"), {"at": "yesterday"})
    assert "wrong type" in str(raised.value)


def test_a_consumer_ignores_fields_it_does_not_know():
    body = envelope(GREETED, {"person_id": PERSON, "language": "uk"})
    body["data"]["added_later"] = True
    body["trace"] = "also unknown"
    event = parse_event(body, CATALOGUE)
    assert event.data == {"person_id": uuid.UUID(PERSON), "language": "uk"}
    assert event.message_id == body["message_id"]


@pytest.mark.parametrize("body", [
    "not a dict",
    {"type": "person_greeted", "data": {}},
    {"message_id": "x", "type": "person_greeted", "version": 1,
     "occurred_at": "2026-11-27T10:00:00+00:00", "data": {}},
])
def test_a_malformed_message_is_refused(body):
    with pytest.raises(ContractViolation):
        parse_event(body, CATALOGUE)


def test_an_event_of_an_unknown_type_or_version_is_refused():
    body = envelope(GREETED, {"person_id": PERSON, "language": "nl"})
    with pytest.raises(ContractViolation):
        parse_event({**body, "version": 2}, CATALOGUE)
    with pytest.raises(ContractViolation):
        parse_event({**body, "type": "person_vanished"}, CATALOGUE)


def test_the_catalogue_says_who_produces_and_who_consumes():
    assert CATALOGUE.produced_by("intake") == [GREETED]
    assert CATALOGUE.consumers_of("matching") == [(GREETED, "note_greeting")]
    assert CATALOGUE.consumers_of("intake") == []


@pytest.mark.parametrize("subject, problem", [
    ({"subject_type": "person", "subject_id": PERSON, "revision": None}, "without its type, id or revision"),
    ({"subject_type": "duo", "subject_id": PERSON, "revision": 2}, "not a duo"),
])
def test_a_consumer_refuses_an_envelope_whose_subject_is_incomplete_or_wrong(subject, problem):
    body = {**envelope(GREETED, {"person_id": PERSON, "language": "nl"}), **subject}
    with pytest.raises(ContractViolation, match=problem):
        parse_event(body, CATALOGUE)


def test_a_subject_has_one_producer_who_numbers_its_revisions():
    class Checked(Schema):
        person_id = fields.UUID(required=True)
    with pytest.raises(ValueError, match="person"):
        Catalogue([GREETED, Contract("person_checked", "followup", Checked, "test", subject="person")])
