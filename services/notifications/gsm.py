"""What a text message costs: the GSM 03.38 alphabet when the text fits it, segments counted.

A text message in the GSM 7-bit alphabet carries 160 characters (153 a part when it is split);
one character outside it — an en dash, a curly apostrophe — turns the whole message into
UCS-2, 70 characters (67 a part), and a two-line message into two or three paid segments.
So before it is sent, a text in a Latin-script language has its typography (dashes, quotes,
ellipsis, no-break spaces) and the accented letters GSM lacks (ê, ç, À …) written with the
nearest GSM character, as SMS providers' "smart encoding" does; a text that cannot fit
anyway (Arabic, Ukrainian, Persian, Tigrinya, a name in another script) is left as it is.
The isolate characters around a value in a right-to-left text (shared/writing.py) are counted
like any other: one UTF-16 unit each, in a text that is UCS-2 anyway.
"""
import math

from services.shared.writing import balanced

BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
EXTENDED = "^{}\\[~]|€\f"  # each takes two septets (an escape, then the character)
NEAREST = {
    "‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‑": "-", "‐": "-", "−": "-", "…": "...", "•": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "",
    "â": "a", "á": "a", "ã": "a", "À": "A", "Â": "A", "Á": "A", "Ã": "A",
    "ç": "c", "ê": "e", "ë": "e", "È": "E", "Ê": "E", "Ë": "E", "î": "i", "ï": "i", "í": "i",
    "Î": "I", "Ï": "I", "Í": "I", "Ì": "I", "ô": "o", "ó": "o", "õ": "o", "Ô": "O", "Ó": "O",
    "Ò": "O", "Õ": "O", "û": "u", "ú": "u", "Û": "U", "Ú": "U", "Ù": "U", "ÿ": "y", "Ÿ": "Y",
    "œ": "oe", "Œ": "OE", "ĳ": "ij", "Ĳ": "IJ",
}
GSM, UCS2 = "GSM-7", "UCS-2"
PER_MESSAGE = {GSM: (160, 153), UCS2: (70, 67)}  # (alone, a part of a longer one)


def fits(text: str) -> bool:
    return all(c in BASIC or c in EXTENDED for c in text)


def fitted(text: str) -> str:
    """`text` in the GSM alphabet when its nearest characters make it fit, else unchanged."""
    nearest = "".join(NEAREST.get(c, c) for c in text)
    return nearest if fits(nearest) else text


def encoding(text: str) -> str:
    return GSM if fits(text) else UCS2


def length(text: str) -> int:
    """In the units a segment is counted in: septets (GSM) or UTF-16 code units (UCS-2)."""
    if fits(text):
        return sum(2 if c in EXTENDED else 1 for c in text)
    return len(text.encode("utf-16-le")) // 2


def segments(text: str) -> int:
    """How many paid messages `text` goes out as."""
    alone, part = PER_MESSAGE[encoding(text)]
    units = length(text)
    return 1 if units <= alone else math.ceil(units / part)


def within(text: str, tail: str, most_segments: int) -> str:
    """`text` + `tail` in at most `most_segments`, shortening `text` (never the tail: it holds
    the link) with an ellipsis when it must."""
    whole, cut = f"{text}{tail}", len(text)
    while segments(whole) > most_segments and cut > 0:  # bounded: the text only gets shorter
        cut = max(cut - 10, 0)
        whole = f"{balanced(text[:cut].rstrip())}...{tail}"  # a cut value's isolate closed
    return whole
