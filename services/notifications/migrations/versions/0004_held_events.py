"""notifications: events held until the person's contact details arrive

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "held_event",
        sa.Column("message_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("handler", sa.Text(), nullable=False),
        sa.Column("person_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("envelope", postgresql.JSONB(), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("message_id", "handler", name="pk_held_event"),
        schema="notifications",
    )
    op.create_index(op.f("ix_held_event_person_id"), "held_event", ["person_id"],
                    unique=False, schema="notifications")


def downgrade():
    op.drop_index(op.f("ix_held_event_person_id"), table_name="held_event", schema="notifications")
    op.drop_table("held_event", schema="notifications")
