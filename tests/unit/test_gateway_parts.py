"""Smaller gateway rules: health verdicts, safe redirects, correlation ids, translations."""
import re

import pytest
from babel.messages.pofile import read_po

from gateway.auth import safe_next
from gateway.health import assess, with_redis
from gateway.i18n import TRANSLATIONS
from gateway.rpc import BrokerUnavailable, ServiceUnavailable
from services.shared.tracing import accept_correlation_id

UP = {"status": "ok", "database": "ok"}


def test_all_answering_is_healthy():
    report = assess({name: UP for name in ("intake", "matching", "followup", "events", "notifications")})
    assert report["status"] == "ok" and "down" not in report


def test_a_silent_service_and_a_database_down_are_named():
    report = assess({"intake": {"status": "degraded", "database": "down"}, "matching": UP,
                     "followup": UP, "events": UP,
                     "notifications": ServiceUnavailable("The notifications service is not running.")})
    assert report["status"] == "down"
    assert report["services"]["notifications"] == "down"
    assert report["database"] == "down"
    assert report["down"] == ["service notifications", "database"]


def test_a_service_whose_loop_set_a_record_aside_makes_the_platform_degraded():
    problem = {"kind": "isolated", "what": "delivery-dispatcher", "since": "2026-11-30T09:00:00+00:00",
               "detail": "1 record(s) set aside on host:1; last: Undeliverable: erased"}
    report = assess({name: UP for name in ("intake", "matching", "followup", "events")}
                    | {"notifications": {**UP, "status": "degraded", "problems": [problem]}})
    assert report["status"] == "degraded" and "down" not in report
    assert report["services"]["notifications"] == "degraded"
    assert report["degraded"] == ["notifications: delivery-dispatcher isolated since "
                                  "2026-11-30T09:00:00+00:00: 1 record(s) set aside on host:1; "
                                  "last: Undeliverable: erased"]


def test_a_broker_error_means_the_broker_is_down():
    report = assess({"intake": BrokerUnavailable("gone")})
    assert report["broker"] == "down" and report["services"]["intake"] == "unreachable"


@pytest.mark.parametrize("target, expected", [
    ("/portal/pool", "/portal/pool"), ("https://evil.example/", "/portal"),
    ("//evil.example/x", "/portal"), ("javascript:alert(1)", "/portal"), (None, "/portal"),
])
def test_after_signing_in_we_only_go_somewhere_on_this_site(target, expected):
    assert safe_next(target, "/portal") == expected


def test_a_callers_correlation_id_is_kept_only_when_well_formed():
    assert accept_correlation_id("journey-1") == "journey-1"
    assert re.fullmatch(r"[0-9a-f]{32}", accept_correlation_id("bad id\r\nX-Injected: 1"))
    assert re.fullmatch(r"[0-9a-f]{32}", accept_correlation_id(None))


def test_every_portal_text_has_a_dutch_translation_with_the_same_placeholders():
    with open(TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po)
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"untranslated: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for form in forms:
            assert placeholders(ids[-1]) == placeholders(form), message.id


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)[sd]", text))


def test_every_text_in_the_code_and_templates_is_in_the_dutch_catalogue():
    from babel.messages.extract import extract_from_dir
    from services.shared.config import ROOT
    method_map = [("gateway/**.py", "python"), ("gateway/templates/**.html", "jinja2")]
    found = {message for _, _, message, _, _ in extract_from_dir(
        ROOT, method_map=method_map, keywords={"_": None, "N_": None, "gettext": None})}
    with open(TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po", "rb") as po:
        translated = {m.id for m in read_po(po) if m.id and m.string}
    assert found - translated == set(), "run make translations and translate the new texts"


# what a member of the public can see: the form, the status page, account set-up, error pages
PUBLIC_SOURCES = [("gateway/public/**.py", "python"), ("gateway/vocabulary.py", "python"),
                  ("gateway/errors.py", "python"), ("gateway/templates/base.html", "jinja2"),
                  ("gateway/templates/_fields.html", "jinja2"),
                  ("gateway/templates/public/**.html", "jinja2"),
                  ("gateway/templates/errors/**.html", "jinja2")]


@pytest.mark.parametrize("language", ["fr", "ar", "uk", "fa", "ti"])
def test_every_public_text_is_translated_with_the_same_placeholders(language):
    from babel.messages.extract import extract_from_dir
    from services.shared.config import ROOT
    public = {message for _, _, message, _, _ in extract_from_dir(
        ROOT, method_map=PUBLIC_SOURCES, keywords={"_": None, "N_": None})}
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        translated = {m.id: m.string for m in read_po(po) if m.id and m.string}
    assert len(public) > 150, "the public pages' texts were found"
    assert public - set(translated) == set(), f"run make translations and translate into {language}"
    for text in public:
        placeholders = set(re.findall(r"%\(\w+\)s", text))
        assert placeholders == set(re.findall(r"%\(\w+\)s", translated[text])), text


def test_redis_down_degrades_the_platform_and_says_what_it_costs():
    """Found by trying: with Redis down /healthz said "ok"."""
    report = with_redis(assess({name: UP for name in ("intake", "matching", "followup", "events", "notifications")}),
                        redis_ok=False)
    assert report["status"] == "degraded" and report["redis"] == "down"
    assert report["degraded"] == ["gateway: Redis is unreachable: the flood limits are off and every token "
                                  "check asks intake"]
