"""matching: proposals, duos, declined pairs, tunable weights, a buddy's capacity

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
S = "matching"
ID = sa.UUID(as_uuid=False)
AT = sa.DateTime(timezone=True)


def upgrade():
    op.add_column("candidate", sa.Column("capacity", sa.Integer(), nullable=False,
                                         server_default="1"), schema=S)
    op.create_table(
        "proposal",
        sa.Column("id", ID, nullable=False), sa.Column("buddy_id", ID, nullable=True),
        sa.Column("participant_id", ID, nullable=True), sa.Column("score", sa.Float(), nullable=False),
        sa.Column("criteria", postgresql.JSONB(), nullable=False),
        sa.Column("choice_reason", sa.Text(), nullable=True), sa.Column("status", sa.Text(), nullable=False),
        sa.Column("buddy_answer", sa.Text(), nullable=True),
        sa.Column("participant_answer", sa.Text(), nullable=True),
        sa.Column("declined_by", sa.Text(), nullable=True), sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("introduction_starts_at", AT, nullable=True),
        sa.Column("introduction_ends_at", AT, nullable=True),
        sa.Column("introduction_location", sa.Text(), nullable=True),
        sa.Column("introduction_sequence", sa.Integer(), nullable=False),
        sa.Column("proposed_at", AT, nullable=False), sa.Column("decided_at", AT, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_proposal"), schema=S)
    op.create_index("ix_proposal_buddy_id", "proposal", ["buddy_id"], schema=S)
    op.create_index("ix_proposal_participant_id", "proposal", ["participant_id"], schema=S)
    op.create_table(
        "duo",
        sa.Column("id", ID, nullable=False), sa.Column("proposal_id", ID, nullable=False),
        sa.Column("buddy_id", ID, nullable=True), sa.Column("participant_id", ID, nullable=True),
        sa.Column("status", sa.Text(), nullable=False), sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("planned_end_on", sa.Date(), nullable=False), sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("history", postgresql.JSONB(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_duo"),
        sa.UniqueConstraint("proposal_id", name="uq_duo_proposal_id"), schema=S)
    op.create_index("ix_duo_buddy_id", "duo", ["buddy_id"], schema=S)
    op.create_index("ix_duo_participant_id", "duo", ["participant_id"], schema=S)
    op.create_table(
        "declined_pair",
        sa.Column("buddy_id", ID, nullable=False), sa.Column("participant_id", ID, nullable=False),
        sa.Column("proposal_id", ID, nullable=False), sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("declined_at", AT, nullable=False),
        sa.PrimaryKeyConstraint("buddy_id", "participant_id", name="pk_declined_pair"), schema=S)
    op.create_table(
        "setting",
        sa.Column("name", sa.Text(), nullable=False), sa.Column("value", sa.Float(), nullable=False),
        sa.Column("updated_at", AT, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_setting"), schema=S)


def downgrade():
    for table in ("setting", "declined_pair", "duo", "proposal"):
        op.drop_table(table, schema=S)
    op.drop_column("candidate", "capacity", schema=S)
