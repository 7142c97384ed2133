"""A phone typed on the public form as a newcomer types it: the refusal in their language."""
import uuid

from gateway import create_app


def test_a_landline_for_text_messages_is_refused_in_the_applicants_language():
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"test-{uuid.uuid4().hex}"}})
    answer = app.test_client().post("/apply?lang=fa", data={
        "role": "participant", "first_name": "Sara", "last_name": "Ahmadi", "language": "fa",
        "phone": "۰۱۱ ۱۲ ۳۴ ۵۶", "channel": "sms", "consent": "yes"})
    assert answer.status_code == 422
    assert "این شماره نمی‌تواند پیامک دریافت کند" in answer.text
