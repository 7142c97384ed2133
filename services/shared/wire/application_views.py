"""What the intake service gives back about applications (RPC and API)."""
from marshmallow import Schema, fields


class DecisionView(Schema):
    decision = fields.String()
    reason = fields.String()
    feedback = fields.String(allow_none=True)
    decided_by = fields.UUID(allow_none=True)
    decided_at = fields.AwareDateTime()


class InterviewView(Schema):
    id = fields.UUID()
    starts_at = fields.AwareDateTime()
    duration_minutes = fields.Integer()
    mode = fields.String(metadata={"description": "in_person, phone or video"})
    location = fields.String()
    status = fields.String(metadata={"description": "scheduled, cancelled or held"})
    sequence = fields.Integer(metadata={"description": "how often the invitation was revised"})


class IntakeSummary(Schema):
    """The recorded intake without its private notes (those have their own, audited read)."""

    expectations = fields.String(allow_none=True)
    needs = fields.String(allow_none=True)
    motivation = fields.String(allow_none=True)
    recorded_at = fields.AwareDateTime()
    has_notes = fields.Boolean()


class ApplicationView(Schema):
    """An application as the coordinator sees it."""

    application_id = fields.UUID()
    person_id = fields.UUID()
    role = fields.String()
    status = fields.String(metadata={"description": "received, intake_planned, intake_held, "
                                                    "approved, rejected or waitlisted"})
    first_name = fields.String()
    last_name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    channel = fields.String()
    language = fields.String()
    profile = fields.Dict(metadata={"description": "as answered, corrected at the intake"})
    message = fields.String(allow_none=True)
    submitted_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    first_contact_at = fields.AwareDateTime(allow_none=True)
    waiting_working_days = fields.Integer(metadata={
        "description": "working days waited for a first contact or a decision: counting while the "
                       "application is open, stopped at the decision"})
    overdue = fields.Boolean(metadata={"description": "no first contact within the target"})
    duplicate_of = fields.UUID(allow_none=True, metadata={
        "description": "an earlier application with the same email address or phone number"})
    decisions = fields.List(fields.Nested(DecisionView))
    interviews = fields.List(fields.Nested(InterviewView))
    intake = fields.Nested(IntakeSummary, allow_none=True)


class InboxSummary(Schema):
    """What needs the coordinator's attention in the inbox."""

    received = fields.Integer(metadata={"description": "applications not yet in touch"})
    overdue = fields.Integer(metadata={"description": "no first contact within the target"})
    longest_waiting = fields.List(fields.Nested(ApplicationView),
                                  metadata={"description": "the five received ones waiting longest"})


class ApplicationStatus(Schema):
    """What the applicant sees on their status page: nothing more than their own progress."""

    role = fields.String()
    status = fields.String()
    first_name = fields.String()
    language = fields.String()
    submitted_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    interview = fields.Nested(InterviewView(only=("starts_at", "duration_minutes", "mode", "location", "status")),
                              allow_none=True, metadata={"description": "the one planned, else the last held"})
    match_state = fields.String(allow_none=True, metadata={"enum": ["proposed", "in_duo", "ended"]})
    matched_on = fields.Date(allow_none=True)
    person_id = fields.UUID(metadata={"description": "whose status: the gateway asks matching as them"})
    consent_version = fields.String(metadata={"description": "the privacy notice they consented to"})


class NotesView(Schema):
    application_id = fields.UUID()
    notes = fields.String(allow_none=True)
    recorded_at = fields.AwareDateTime()


class AuditEntryView(Schema):
    at = fields.AwareDateTime()
    actor_id = fields.UUID(allow_none=True)
    action = fields.String(metadata={"description": "read_notes, export or erase"})
    person_id = fields.UUID(allow_none=True)
    detail = fields.String(allow_none=True)
