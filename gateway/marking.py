"""`N_`: marks a text for `make translations` where it is defined, translated where it is shown."""


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message
