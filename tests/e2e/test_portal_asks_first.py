"""The coordinator's portal holds no surprises: the inbox opens on what needs action, an
irreversible step asks first (and the server holds to it), dates that cannot be right are
refused under their field, and no proposal is offered that cannot succeed; all in Dutch."""
from tests.support.applicants import applied, approved
from tests.support.appointments import introduction_held
from tests.support.portal import csrf_of, signed_in


def test_the_inbox_opens_on_open_applications_and_the_rest_is_a_filter_away(fresh, api, coordinator):
    applied(fresh, first_name="Oksana", last_name="Wachtend")
    decided = applied(fresh, first_name="Dirk", last_name="Beslist")
    api.post(fresh.url(f"/api/v1/applications/{decided['application_id']}/screening"),
             json={"decision": "approved", "reason": "Ready."})
    browser = signed_in(fresh, coordinator)
    inbox = browser.get(fresh.url("/portal/applications"))
    assert "Wachtend" in inbox.text and "Beslist" not in inbox.text
    assert '<option value="open" selected>open: vraagt actie</option>' in inbox.text
    everyone = browser.get(fresh.url("/portal/applications?status=all"))
    row = everyone.text.split("Beslist")[1].split("</tr>")[0]
    assert "Wachtend" in everyone.text and row.endswith("<td>—</td>"), "no days counted once decided"
    approved_only = browser.get(fresh.url("/portal/applications?status=approved"))
    assert "Beslist" in approved_only.text and "Wachtend" not in approved_only.text


def test_rejecting_asks_first_and_the_server_holds_to_it(fresh, coordinator):
    tom = applied(fresh, role="buddy", first_name="Tom")
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url(f"/portal/applications/{tom['application_id']}"))
    assert 'name="decision" value="rejected" >' in page.text, "no decision chosen beforehand"
    decision = {"csrf_token": csrf_of(page), "decision": "rejected", "reason": "Needs care."}
    refused = browser.post(page.url + "/screening", data=decision)
    assert refused.status_code == 422
    assert ('<span class="error" id="confirm-error">Vink aan om te bevestigen: de kandidaat hoort meteen'
            in refused.text)
    assert "ontvangen" in browser.get(page.url).text.split("</h1>")[0], "nothing decided"
    decided = browser.post(page.url + "/screening", data={**decision, "confirm": "yes"})
    assert "De beslissing is bewaard" in decided.text and "afgewezen" in decided.text


def proposed_pair(fresh, api):
    amina = approved(fresh, api, "participant", language="ar", first_name="Amina")
    lotte = approved(fresh, api, "buddy", language="nl", first_name="Lotte")
    sofie = approved(fresh, api, "buddy", language="nl", first_name="Sofie")
    proposal = api.post(fresh.url("/api/v1/matching/proposals"),
                        json={"buddy_id": lotte["person_id"], "participant_id": amina["person_id"],
                              "reason": "Zelfde buurt."}).json()
    return amina, sofie, proposal


def test_dates_that_cannot_be_right_and_a_no_that_asks_first(fresh, api, coordinator, db):
    _, _, proposal = proposed_pair(fresh, api)
    browser = signed_in(fresh, coordinator)
    page = browser.get(fresh.url(f"/portal/duos/proposals/{proposal['id']}"))
    past = browser.post(page.url + "/introduction", data={
        "csrf_token": csrf_of(page), "starts_at": "2020-05-06T14:00", "location": "Huis van de Wereld"})
    assert past.status_code == 422
    assert 'id="plan_introduction-starts_at-error" role="alert">Kies een moment in de toekomst.' in past.text
    browser.post(page.url + "/introduction", data={
        "csrf_token": csrf_of(page), "starts_at": "2030-05-06T14:00", "location": "Huis van de Wereld"})
    early = browser.post(page.url + "/answers", data={"csrf_token": csrf_of(page), "side": "buddy", "answer": "yes"})
    assert early.status_code == 422
    assert 'id="record_answer-answer-error" role="alert">De kennismaking heeft nog niet plaatsgevonden' in early.text
    introduction_held(db, proposal["id"])
    no = {"csrf_token": csrf_of(page), "side": "participant", "answer": "no", "reason": "Te ver."}
    unconfirmed = browser.post(page.url + "/answers", data=no)
    assert unconfirmed.status_code == 422
    assert 'id="record_answer-confirm-error" role="alert">Vink aan om te bevestigen: een nee' in unconfirmed.text
    assert api.get(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}")).json()["status"] == "introduction_planned"
    declined = browser.post(page.url + "/answers", data={**no, "confirm": "yes"})
    assert "afgewezen" in declined.text and "Te ver." in declined.text


def test_no_proposal_is_offered_for_someone_taken_and_a_late_one_is_refused_in_dutch(fresh, api, coordinator):
    amina, sofie, _ = proposed_pair(fresh, api)
    browser = signed_in(fresh, coordinator)
    hers = browser.get(fresh.url(f"/portal/matching/people/{amina['person_id']}"))
    assert "Amina" in hers.text and "Dit duo voorstellen" not in hers.text
    assert "heeft al een open voorstel of een duo" in hers.text
    late = browser.post(fresh.url("/portal/matching/proposals"), data={  # a tab opened before
        "csrf_token": csrf_of(hers), "for": amina["person_id"], "buddy_id": sofie["person_id"],
        "participant_id": amina["person_id"], "reason": "Ook dichtbij."})
    assert late.status_code == 422
    assert '<p class="notice error" role="alert">Deze deelnemer heeft al een voorstel of een duo.</p>' in late.text


def test_an_introduction_at_the_time_of_ones_own_interview_is_planned_with_a_warning(fresh, api, coordinator):
    _, _, proposal = proposed_pair(fresh, api)
    oksana = applied(fresh, first_name="Oksana", last_name="Melnyk")
    browser = signed_in(fresh, coordinator)
    application = browser.get(fresh.url(f"/portal/applications/{oksana['application_id']}"))
    interview = browser.post(application.url + "/intake", data={
        "csrf_token": csrf_of(application), "starts_at": "2030-05-06T14:00", "duration_minutes": "60",
        "mode": "in_person", "location": "Huis van de Wereld"})
    assert 'class="notice warning"' not in interview.text, "nothing else planned then"
    page = browser.get(fresh.url(f"/portal/duos/proposals/{proposal['id']}"))
    planned = browser.post(page.url + "/introduction", data={
        "csrf_token": csrf_of(page), "starts_at": "2030-05-06T14:30", "location": "Huis van de Wereld"})
    assert planned.status_code == 200
    assert ('<p class="notice warning" role="status">Let op: dit overlapt met je intakegesprek met Oksana Melnyk'
            ' op ma 6 mei 14:00–15:00.</p>') in planned.text
    saved = api.get(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}")).json()
    assert (saved["status"], saved["introduction_starts_at"]) == ("introduction_planned", "2030-05-06T12:30:00+00:00")


def test_a_second_coordinator_ending_an_ended_duo_is_told_what_it_is_now(fresh, api, coordinator):
    _, _, proposal = proposed_pair(fresh, api)
    for side in ("buddy", "participant"):
        api.post(fresh.url(f"/api/v1/matching/proposals/{proposal['id']}/answers"), json={"side": side, "answer": "yes"})
    [duo] = api.get(fresh.url("/api/v1/duos")).json()["items"]
    first, second = signed_in(fresh, coordinator), signed_in(fresh, coordinator)
    pages = [browser.get(fresh.url(f"/portal/duos/{duo['id']}")) for browser in (first, second)]
    end = {"action": "end", "reason": "completed", "confirm": "yes"}
    first.post(pages[0].url, data={**end, "csrf_token": csrf_of(pages[0])})
    late = second.post(pages[1].url, data={**end, "csrf_token": csrf_of(pages[1])})
    assert late.status_code == 200 and late.url.endswith(duo["id"])
    assert "Dit duo is intussen veranderd: het is nu beëindigd. Er is niets bewaard." in late.text
