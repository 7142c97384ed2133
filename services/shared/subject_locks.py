"""The consumer's revision of each subject: one row of `subject_applied` per subject, locked
while an event of that subject is applied (ordering.py), so holding and releasing cannot miss
each other. A batch locks all its subjects at once and writes their revisions together."""
import contextlib
from dataclasses import dataclass, field

from sqlalchemy import Text, any_, bindparam, func, literal, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.orm import Session

from services.shared.contracts import Event

STATE = "ordering.locked"  # session.info key: the subjects this transaction has locked
DEFERRED = "ordering.deferred"  # session.info key: revisions are written at the batch's end


@dataclass(frozen=True)
class Subject:
    type: str
    id: str

    @classmethod
    def of(cls, event: Event) -> "Subject | None":
        if event.subject_type is None or event.subject_id is None:
            return None
        return cls(event.subject_type, str(event.subject_id))


@dataclass
class _Locked:
    """What this transaction knows of the subjects whose rows it has locked."""

    revisions: dict = field(default_factory=dict)  # Subject -> revision applied
    waited: set = field(default_factory=set)  # subjects some held event may wait for
    unwritten: dict = field(default_factory=dict)  # Subject -> revision, for `write_revisions`


def locked(session: Session) -> _Locked:
    state = session.info.get(STATE)
    if state is None:
        state = session.info[STATE] = _Locked()
        sa_event.listen(session, "after_soft_rollback", _forget_locks)
        sa_event.listen(session, "after_transaction_end", _forget_locks_at_the_end)
    return state


def _forget_locks_at_the_end(session, transaction):
    # only the outermost transaction: a savepoint that commits, or the ORM's flush (a
    # subtransaction), keeps the locks and what they told
    if transaction.parent is None:
        _forget_locks(session)


def _forget_locks(session, *_):
    """The transaction ended, or a savepoint rolled back: what it knew is read again (the rows
    stay locked while an outer transaction goes on, so reading them again is cheap and right;
    revisions noted inside a savepoint are written before the next one opens)."""
    state = session.info.get(STATE)
    if state is not None:
        state.revisions.clear()
        state.waited.clear()
        state.unwritten.clear()


def lock_all(session: Session, subjects) -> None:
    """Lock the applied revisions of `subjects` until commit, in one order and three
    statements per kind of subject whatever their number (a batch locks all at once)."""
    state = locked(session)
    wanted = sorted({s for s in subjects if s is not None} - state.revisions.keys(),
                    key=lambda s: (s.type, s.id))
    for subject_type in sorted({s.type for s in wanted}):
        _lock_of_type(session, state, subject_type, [s.id for s in wanted if s.type == subject_type])


def _lock_of_type(session, state: _Locked, subject_type: str, ids: list[str]) -> None:
    """Create the rows not there yet and lock them all in one statement (an upsert that
    changes nothing still locks), then see which have events waiting for them. That second
    look must be a statement of its own: its snapshot is taken once the locks are held, so a
    hold committed by the transaction we waited for is seen (a subquery of the upsert would
    not see it, and the held event would wait for its bound). One array parameter: each
    statement compiles once and the primary key's index serves it."""
    applied, held = session.info["backbone"].applied, session.info["backbone"].held
    given = bindparam("ids", ids, type_=ARRAY(Text))
    statement = insert(applied).from_select(
        ["subject_type", "subject_id", "revision"],
        select(literal(subject_type), func.unnest(given), literal(0)))
    rows = session.execute(statement.on_conflict_do_update(
        index_elements=[applied.c.subject_type, applied.c.subject_id],
        set_={"revision": applied.c.revision}).returning(applied.c.subject_id, applied.c.revision))
    state.revisions.update({Subject(subject_type, row.subject_id): row.revision for row in rows})
    state.waited.update(Subject(subject_type, awaited) for awaited in session.scalars(
        select(held.c.awaits_id).distinct().where(
            held.c.awaits_type == subject_type, held.c.awaits_id == any_(given),
            held.c.failed_at.is_(None))))


def applied_revision(session: Session, subject: Subject) -> int:
    """The revision of `subject` this service has applied (0: none), locked until commit."""
    state = locked(session)
    if subject not in state.revisions:
        lock_all(session, [subject])
    return state.revisions[subject]


def note_applied(session: Session, subject: Subject, revision: int) -> None:
    """`revision` of `subject` is applied: written now, or with the batch (deferred_writes)."""
    state = locked(session)
    state.revisions[subject] = revision
    state.unwritten[subject] = revision
    if not session.info.get(DEFERRED):
        write_revisions(session)


@contextlib.contextmanager
def deferred_writes(session: Session):
    """Write the revisions a batch applies in one statement at its end, instead of one per
    event (a batch of 50 events of 50 subjects: one round trip instead of 50)."""
    session.info[DEFERRED] = True
    try:
        yield
        write_revisions(session)
    finally:
        session.info.pop(DEFERRED, None)


def write_revisions(session: Session) -> None:
    """Write the revisions noted and not yet written (before a savepoint, and at the end)."""
    state = locked(session)
    if not state.unwritten:
        return
    table = session.info["backbone"].applied
    session.execute(update(table).where(table.c.subject_type == bindparam("t"),
                                        table.c.subject_id == bindparam("i"))
                    .values(revision=bindparam("r"), applied_at=func.now()),
                    [{"t": s.type, "i": s.id, "r": r} for s, r in state.unwritten.items()])
    state.unwritten.clear()
