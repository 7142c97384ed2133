"""matching: the candidate pool

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

from services.shared.migrations import create_backbone_v1, drop_backbone_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v1(op, "matching")
    op.create_table(
        "candidate",
        sa.Column("person_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_candidate"),
        schema="matching",
    )
    op.create_index("ix_candidate_role_status_waiting_since", "candidate",
                    ["role", "status", "waiting_since"], schema="matching")


def downgrade():
    op.drop_table("candidate", schema="matching")
    drop_backbone_v1(op, "matching")
