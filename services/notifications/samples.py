"""Sample data for each template: the coordinator's preview and the template tests use it."""
from datetime import datetime, timedelta, timezone

WHEN = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
INTERVIEW = {"starts_at": WHEN, "mode": "in_person", "location": "Huis van de Wereld",
             "minutes": 60, "reason": None}
PAIR = {"role": "participant", "partner_first_name": "Lotte", "reason": "completed",
        "info_pack_url": "http://127.0.0.1:8000/info?lang=ar", "starts_at": WHEN,
        "location": "Huis van de Wereld", "planned_end_on": (WHEN + timedelta(days=182)).date()}
SAMPLES = {
    "application_received": {"role": "participant", "status_url": "http://127.0.0.1:8000/status/abc"},
    "intake_invitation": INTERVIEW, "intake_moved": INTERVIEW, "intake_cancelled": INTERVIEW,
    "intake_reminder": INTERVIEW,
    "screening_decision": {"decision": "approved", "feedback": "Tot snel!", "role": "buddy"},
    "buddy_invitation": {"invitation_url": "http://127.0.0.1:8000/account/setup/xyz",
                         "expires_at": WHEN + timedelta(days=14)},
    "password_reset": {"reset_url": "http://127.0.0.1:8000/account/reset/xyz",
                       "forgot_url": "http://127.0.0.1:8000/account/forgot?lang=nl",
                       "expires_at": WHEN + timedelta(hours=2)},
    **{name: PAIR for name in ("match_proposed", "introduction_invitation", "introduction_reminder",
                               "match_declined", "duo_formed", "duo_ended")},
}
FIRST_NAME = "Amina"
