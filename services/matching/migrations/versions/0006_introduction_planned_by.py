"""matching: who planned (or last moved) a proposal's introduction meeting, so planning
another appointment at the same time can warn them.

Introductions planned before have no one named.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("proposal", sa.Column("introduction_planned_by", sa.UUID(as_uuid=False), nullable=True),
                  schema="matching")


def downgrade():
    op.drop_column("proposal", "introduction_planned_by", schema="matching")
