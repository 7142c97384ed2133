"""intake: who planned (or last moved) an intake interview, so planning another appointment
at the same time can warn them.

Interviews planned before have no one named.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("intake_interview", sa.Column("planned_by", sa.UUID(as_uuid=False), nullable=True),
                  schema="intake")


def downgrade():
    op.drop_column("intake_interview", "planned_by", schema="intake")
