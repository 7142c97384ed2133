"""Order per record in the projections, against the real database: intake's status page and
matching's pool take only what is newer, and a profile update waits for its screening."""
import dataclasses
from datetime import timedelta

from services.matching.models import Candidate
from tests.support.consumers import a_participant, deliver, match_state
from tests.support.subjects import NOW, People, an_event


def test_a_replayed_proposal_does_not_set_the_status_page_back_after_the_duo_formed(consumer):
    intake = consumer("intake")
    people = People(person_id=a_participant(intake))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", people, revision=1))
    deliver(intake, "intake.note_duo_formed", an_event("duo_formed", people, revision=2))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", people, revision=1))
    assert match_state(intake, people.person_id) == "in_duo"


def test_a_late_end_of_an_earlier_duo_does_not_undo_a_new_proposal(consumer):
    intake = consumer("intake")
    first = People(person_id=a_participant(intake))
    second = People(person_id=first.person_id, buddy_id=first.buddy_id)
    deliver(intake, "intake.note_duo_formed", an_event("duo_formed", first, revision=2))
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", second, revision=1))
    deliver(intake, "intake.note_duo_ended", an_event("duo_ended", first, revision=3))
    assert match_state(intake, first.person_id) == "proposed", "the person follows the newer proposal"


def test_a_profile_update_that_overtakes_the_screening_waits_for_it(consumer):
    matching, people = consumer("matching"), People()
    deliver(matching, "matching.update_candidate_profile", an_event("person_profile_updated", people, revision=4))
    deliver(matching, "matching.pool_screened_participant",
            an_event("participant_screened", people, revision=3, version=2))
    matching.db.expire_all()
    candidate = matching.db.get(Candidate, people.person_id)
    assert candidate is not None and candidate.status == "waiting", "the approved person is in the pool"


def test_a_late_proposal_of_an_earlier_match_does_not_set_the_status_page_back(consumer):
    intake = consumer("intake")
    earlier = People(person_id=a_participant(intake))
    latest = People(person_id=earlier.person_id, buddy_id=earlier.buddy_id)
    deliver(intake, "intake.note_match_proposed", an_event("match_proposed", latest, revision=1))
    deliver(intake, "intake.note_duo_formed", an_event("duo_formed", latest, revision=2))
    late = an_event("match_proposed", earlier, revision=1)
    late = dataclasses.replace(late, data={**late.data, "proposed_at": NOW - timedelta(days=30)})
    deliver(intake, "intake.note_match_proposed", late)
    assert match_state(intake, earlier.person_id) == "in_duo"
