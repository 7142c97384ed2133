"""Matching's pages: the pool board, a person's suggestions, the whole-pool draft, the
weights, a proposal and a duo, in the portal's Dutch; the info pack and the status page in the
person's own language."""
import requests

from tests.support.applicants import approved
from tests.support.appointments import introduction_held
from tests.support.portal import csrf_of, signed_in
from tests.support.buddies import choose_password
from tests.support.waiting import eventually


def test_the_coordinator_matches_from_the_portal(fresh, api, coordinator, db):
    amina = approved(fresh, api, "participant", language="ar", first_name="Amina")
    approved(fresh, api, "buddy", language="nl", first_name="Lotte", interests=["walking", "cooking", "music"])
    approved(fresh, api, "buddy", language="nl", first_name="Sofie", interests=["music"])
    browser = signed_in(fresh, coordinator)
    board = browser.get(fresh.url("/portal/pool?role=participant"))
    assert "Amina" in board.text and "Lotte" not in board.text
    page = browser.get(fresh.url(f"/portal/matching/people/{amina['person_id']}"))
    assert "Suggesties voor Amina" in page.text and "spreken allebei Arabisch" in page.text
    assert page.text.index("Lotte") < page.text.index("Sofie"), "the best suggestion first"

    sofie = next(part for part in page.text.split('<li id="s-')[1:] if "Sofie" in part.split("</h2>")[0])
    buddy_id = sofie.split('name="buddy_id" value="')[1].split('"')[0]
    choice = {"csrf_token": csrf_of(page), "for": amina["person_id"], "buddy_id": buddy_id,
              "participant_id": amina["person_id"]}
    refused = browser.post(fresh.url("/portal/matching/proposals"), data=choice)
    assert refused.status_code == 422 and "zeg waarom je ze kiest" in refused.text
    proposed = browser.post(fresh.url("/portal/matching/proposals"), data={**choice, "reason": "Zelfde buurt."})
    assert proposed.status_code == 200 and "Voorgesteld" in proposed.text and "Zelfde buurt." in proposed.text

    planned = browser.post(proposed.url + "/introduction", data={
        "csrf_token": csrf_of(proposed), "starts_at": "2030-05-06T14:00", "location": "Huis van de Wereld"})
    assert "De kennismaking is gepland" in planned.text and "kennismaking gepland" in planned.text
    no_reason = browser.post(proposed.url + "/answers", data={"csrf_token": csrf_of(planned), "side": "buddy", "answer": "no"})
    assert no_reason.status_code == 422 and "Zeg waarom" in no_reason.text
    introduction_held(db, proposed.url.rsplit("/", 1)[1])
    for side in ("buddy", "participant"):
        answered = browser.post(proposed.url + "/answers", data={"csrf_token": csrf_of(planned), "side": side, "answer": "yes"})
    assert "aanvaard: een duo" in answered.text
    duo_page = browser.get(fresh.url("/portal/duos"))
    assert "Sofie" in duo_page.text and "actief" in duo_page.text
    duo_url = fresh.url("/portal/duos/" + duo_page.text.split('href="/portal/duos/')[1].split('"')[0])
    the_duo = browser.get(duo_url)
    assert 'value="" selected disabled' in the_duo.text, "no reason chosen for the coordinator"
    unconfirmed = browser.post(duo_url, data={"csrf_token": csrf_of(duo_page), "action": "end", "reason": "moved_away"})
    assert unconfirmed.status_code == 422 and "Vink aan om te bevestigen" in unconfirmed.text
    assert 'name="confirm"' in unconfirmed.text, "still a duo (the form to end it is there): nobody was told"
    ended = browser.post(duo_url, data={"csrf_token": csrf_of(duo_page), "action": "end", "reason": "moved_away",
                                        "confirm": "yes"})
    assert "verhuisd" in ended.text and "Geschiedenis" in ended.text


def test_the_whole_pool_draft_and_the_weights_in_the_portal(fresh, api, coordinator):
    approved(fresh, api, "participant", language="ar", first_name="Amina")
    lotte = approved(fresh, api, "buddy", language="nl", first_name="Lotte")
    browser = signed_in(fresh, coordinator)
    hers = browser.get(fresh.url(f"/portal/matching/people/{lotte['person_id']}"))
    assert "Duo’s tegelijk" in hers.text and "Amina" in hers.text
    more = browser.post(fresh.url(f"/portal/matching/people/{lotte['person_id']}/capacity"),
                        data={"csrf_token": csrf_of(hers), "capacity": "2"})
    assert "plaats voor 2" in more.text
    draft = browser.get(fresh.url("/portal/matching/proposal"))
    assert "Totaalscore" in draft.text and "Lotte" in draft.text and "Amina" in draft.text
    pair = draft.text.split('name="forbid" value="')[1].split('"')[0]
    without = browser.get(fresh.url("/portal/matching/proposal"), params={"forbid": pair})
    assert "Met de pool zoals ze nu is, kan geen paar gevormd worden." in without.text

    weights = browser.get(fresh.url("/portal/matching/weights"))
    wrong = browser.post(weights.url, data={"csrf_token": csrf_of(weights), "interests": "veel", "max_km": "8"})
    assert wrong.status_code == 422 and 'aria-invalid="true"' in wrong.text
    saved = browser.post(weights.url, data={"csrf_token": csrf_of(weights), "interests": "50", "max_km": "8"})
    assert "De gewichten zijn bewaard" in saved.text
    assert api.get(fresh.url("/api/v1/matching/weights")).json()["weights"]["interests"] == 50
    browser.post(weights.url, data={"csrf_token": csrf_of(saved), "action": "reset"})
    assert api.get(fresh.url("/api/v1/matching/weights")).json()["weights"]["interests"] == 20


def test_a_matched_newcomer_sees_it_on_the_status_page_and_reads_the_info_pack_in_arabic(fresh, api):
    amina = approved(fresh, api, "participant", language="ar")
    lotte = approved(fresh, api, "buddy", language="nl")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    eventually(lambda: "وجدنا لك شريكًا" in requests.get(amina["status_url"], timeout=10).text, timeout=10)
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})
    status = eventually(lambda: (page := requests.get(amina["status_url"], timeout=10)) and "أنت في ثنائي" in page.text
                        and page, timeout=10)
    assert "/info?lang=ar" in status.text
    assert "نبحث عن شريك مناسب لك" not in status.text, "no one in a duo is told we look for a match"
    assert "We zoeken een goede match voor je" not in status.text, "nor in the Dutch beside it"
    pack = requests.get(fresh.url("/info?lang=ar"), timeout=10)
    assert 'dir="rtl"' in pack.text and "ملف المعلومات" in pack.text
    assert "In het Nederlands" in pack.text and "de informatiemap" in pack.text


def test_a_buddy_sees_their_duo_on_their_own_page(fresh, api):
    amina = approved(fresh, api, "participant", language="ar", first_name="Amina")
    lotte = approved(fresh, api, "buddy", language="nl", first_name="Lotte")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"]}).json()
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})
    invitation = eventually(lambda: [m for m in fresh.mails(to=lotte["email"]) if "account" in m["Subject"]], timeout=15)[0]
    link = next(word for word in invitation.get_body(("plain",)).get_content().split() if "/account/setup/" in word)
    me = choose_password(link, "een lange wachtwoordzin")
    assert me.url.endswith("/me") and "Jij en Amina zijn een duo sinds" in me.text
    assert "/info?lang=nl" in me.text
