"""notifications: the backbone's order per record replaces held events and appointment notices

Events held for a contact move to the backbone's held_event, awaiting the person's next event
(at most the usual ten minutes); appointment_notice's job (skip a change
older than one already told) is done by the subject revisions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

from services.shared.migrations import create_backbone_v2, drop_backbone_v2

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
S = "notifications"


def upgrade():
    op.rename_table("held_event", "held_event_v1", schema=S)
    op.execute(f'ALTER TABLE "{S}".held_event_v1 RENAME CONSTRAINT pk_held_event TO pk_held_event_v1')
    op.execute(f'ALTER INDEX "{S}".ix_held_event_person_id RENAME TO ix_held_event_v1_person_id')
    create_backbone_v2(op, S)
    op.execute(f"""
        INSERT INTO "{S}".held_event (message_id, handler, awaits_type, awaits_id,
                                      awaits_revision, envelope, held_at, release_at)
        SELECT message_id, handler, 'person', person_id::text, 1, envelope, held_at,
               now() + interval '10 minutes'
        FROM "{S}".held_event_v1""")
    op.drop_table("held_event_v1", schema=S)
    op.drop_table("appointment_notice", schema=S)


def downgrade():
    op.create_table(
        "appointment_notice",
        sa.Column("uid", sa.Text(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid", name="pk_appointment_notice"),
        schema=S,
    )
    drop_backbone_v2(op, S)
    op.create_table(
        "held_event",
        sa.Column("message_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column("person_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("envelope", sa.dialects.postgresql.JSONB(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("message_id", "handler", name="pk_held_event"),
        schema=S,
    )
    op.create_index("ix_held_event_person_id", "held_event", ["person_id"], schema=S)
