"""Words the templates translate at run time (statuses, roles, validation messages), marked
here so that `make translations` extracts them into the catalogues."""


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


WORDS = [
    N_("buddy"), N_("participant"),
    N_("received"), N_("approved"), N_("rejected"), N_("waitlisted"),
]

VALIDATION_MESSAGES = [
    N_("Missing data for required field."),
    N_("Not a valid email address."),
    N_("Not a valid string."),
    N_("Must be one of: buddy, participant."),
    N_("Must be one of: approved, rejected, waitlisted."),
    N_("This cannot be empty."),
    N_("Use a single line without control characters."),
    N_("Contains characters that cannot be stored."),
    N_("Length must be between 1 and 100."),
    N_("Length must be between 1 and 2000."),
    N_("Not a known ISO 639-1 language code (e.g. nl, en, ar)."),
    N_("Not a valid phone number, e.g. 0470 12 34 56 or +32 470 12 34 56."),
    N_("Agree to the privacy notice to apply."),
    N_("Give an email address or a phone number, so we can reach you."),
    N_("The e-mail address or the password is not right."),
    N_("Too many failed sign-ins. Wait 15 minutes and try again."),
]
