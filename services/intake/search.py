"""Finding a person by what the coordinator remembers: part of a name (first, last or both, in
either order; case and accents ignored), an e-mail address or its beginning (case ignored), or
a phone number typed any way (compared in E.164). Erased people are never found. What was
typed is personal data: it is never logged."""
import re
import unicodedata

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from services.intake.models import Application, Person
from services.shared.wire.common import ascii_digits, e164, visible

# what a typed phone number may hold besides digits (of any script: see ascii_digits)
_PHONE_LIKE = re.compile(r"[+\d\s().\/-]+")
_NOT_A_WORD = re.compile(r"[\W_]+")


def name_key(*names: str | None) -> str:
    """Names as the search compares them: accents off, case folded, one space before each
    word ("Zoë Van den Broeck-Aït" → " zoe van den broeck ait"); kept in `person.search_name`."""
    text = unicodedata.normalize("NFKD", " ".join(n for n in names if n))
    bare = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return "".join(" " + word for word in _NOT_A_WORD.sub(" ", bare).split())


def condition(typed: str) -> tuple[str, object]:
    """What the query is taken for ("email", "phone" or "name") and the condition on Person.
    A number that is not complete (e.g. "470 12 34") finds the numbers holding its digits."""
    query = visible(typed).strip()
    if "@" in query:
        return "email", func.lower(Person.email).startswith(query.lower(), autoescape=True)
    digits = ascii_digits(query)
    if _PHONE_LIKE.fullmatch(digits) and sum(c.isdigit() for c in digits) >= 4:
        number = e164(query)
        if number:
            return "phone", Person.phone == number
        return "phone", Person.phone.contains(re.sub(r"\D", "", digits).lstrip("0"), autoescape=True)
    words = name_key(query).split()
    return "name", and_(*(Person.search_name.contains(" " + word, autoescape=True) for word in words))


def find(session: Session, q: str, limit: int) -> dict:
    """{"kind", "total", "people": [at most `limit` PersonMatch dicts]}, ordered by last and
    first name, then who applied first."""
    kind, matches = condition(q)
    people = select(Person).where(Person.erased_at.is_(None), matches)
    total = session.scalar(people.with_only_columns(func.count(Person.id)))
    found = session.scalars(people.order_by(func.lower(Person.last_name), func.lower(Person.first_name),
                                            Person.created_at).limit(limit)).all()
    applied = _applications(session, [person.id for person in found])
    return {"kind": kind, "total": total, "people": [_match(p, applied.get(p.id, [])) for p in found]}


def _applications(session: Session, person_ids: list[str]) -> dict[str, list]:
    """Each person's applications (submitted_at, status), oldest first."""
    rows = session.execute(select(Application.person_id, Application.submitted_at, Application.status)
                           .where(Application.person_id.in_(person_ids))
                           .order_by(Application.submitted_at)) if person_ids else []
    found: dict[str, list] = {}
    for row in rows:
        found.setdefault(str(row.person_id), []).append(row)
    return found


def _match(person: Person, applications: list) -> dict:
    return {"person_id": person.id, "first_name": person.first_name, "last_name": person.last_name,
            "email": person.email, "phone": person.phone, "role": person.role,
            "applied_at": applications[0].submitted_at if applications else None,
            "status": applications[-1].status if applications else None}
