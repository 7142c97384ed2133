"""The application form in a real browser: a newcomer applies in Arabic and gets an Arabic
answer; problems are named in the applicant's language; labels and the keyboard suffice."""
from tests.support.waiting import eventually


def test_an_arabic_speaker_applies_and_gets_an_arabic_confirmation(browse, fresh):
    browse("apply_in_arabic")
    mail = eventually(lambda: fresh.mails(to="amina.browser@example.org"), timeout=20,
                      message="the confirmation email arrived")
    assert len(mail) == 1
    body = mail[0].get_body(("plain",)).get_content()
    assert "أمينة" in body and "/status/" in body


def test_a_missing_answer_is_named_in_arabic_and_nothing_is_stored(browse, api, fresh):
    browse("see_a_problem_in_arabic")
    assert api.get(fresh.url("/api/v1/applications")).json()["items"] == []


def test_the_form_works_with_labels_and_the_keyboard_alone(browse, api, fresh):
    browse("use_the_form_with_the_keyboard")
    assert api.get(fresh.url("/api/v1/applications")).json()["items"] == [], "an incomplete form stores nothing"
