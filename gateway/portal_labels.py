"""Labels only coordinators see (matching and duos), kept apart from gateway/vocabulary.py so
that the public pages' translations need not carry them."""

from gateway.marking import N_


PORTAL_LABELS = {
    "proposal": {"proposed": N_("proposed"), "introduction_planned": N_("introduction planned"),
                 "accepted": N_("accepted: a duo"), "declined": N_("declined")},
    "answer": {"yes": N_("yes, we go on together"), "no": N_("no")},
    "duo": {"active": N_("active"), "paused": N_("paused"), "ended": N_("ended")},
    "pool_status": {"waiting": N_("waiting"), "proposed": N_("proposed"), "in_duo": N_("in a duo")},
    "end_reason": {"completed": N_("the trajectory is complete"), "moved_away": N_("moved away"),
                   "no_contact": N_("no contact any more"), "no_click": N_("it did not click"),
                   "personal_reasons": N_("personal reasons"),
                   "referred_to_care": N_("referred to professional care"), "other": N_("other"),
                   "erased": N_("data erased on request")},
    "delivery": {"pending": N_("waiting to be sent"), "sent": N_("sent"), "failed": N_("failed"),
                 "skipped": N_("not sent"), "superseded": N_("withdrawn")},
    "interview": {"scheduled": N_("planned"), "held": N_("held"), "cancelled": N_("cancelled")},
    # each message by its title, as the coordinator knows it (the log and the previews)
    "message": {"application_received": N_("Application received"),
                "buddy_invitation": N_("Invitation to create an account"),
                "duo_ended": N_("The trajectory has ended"), "duo_formed": N_("You are a duo"),
                "intake_cancelled": N_("Intake interview cancelled"),
                "intake_invitation": N_("Invitation to the intake interview"),
                "intake_moved": N_("Intake interview moved"),
                "intake_reminder": N_("Reminder of the intake interview"),
                "introduction_invitation": N_("Invitation to the introduction meeting"),
                "introduction_reminder": N_("Reminder of the introduction meeting"),
                "match_declined": N_("The proposed match does not go on"),
                "match_proposed": N_("A match proposed"),
                "password_reset": N_("A link to choose a new password"),
                "screening_decision": N_("The screening decision")},
    "service": {"intake": N_("intake"), "matching": N_("matching"), "followup": N_("follow-up"),
                "events": N_("activities"), "notifications": N_("messages")},
    "duo_action": {"formed": N_("formed"), "paused": N_("paused"), "resumed": N_("resumed"),
                   "extended": N_("extended to"), "ended": N_("ended")},
}

# what the matching and intake services may answer that the portal shows as it is, translated
MESSAGES = [N_("This is not the top suggestion: say why you chose it."),
            # marshmallow's own, when a form arrives without what its page always sends
            N_("Not a valid datetime."), N_("Field may not be null."), N_("Not a valid date."),
            N_("Say why, so the next proposal can do better."),
            N_("This participant already has a proposal or a duo."),
            N_("The introduction meeting has not taken place yet: record a yes after it."),
            N_("The interview has not started yet: record it once it has been held, or move it first.")]
