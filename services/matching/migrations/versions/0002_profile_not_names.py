"""matching: candidates keep their profile, not their names

Screening events (version 2) carry what matching needs to match, and no names; the portal
asks intake for names when it shows them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("candidate", sa.Column("profile", postgresql.JSONB(), nullable=False,
                                         server_default=sa.text("'{}'::jsonb")), schema="matching")
    op.drop_column("candidate", "first_name", schema="matching")
    op.drop_column("candidate", "last_name", schema="matching")
    op.drop_column("candidate", "language", schema="matching")


def downgrade():
    for column in ("language", "last_name", "first_name"):
        op.add_column("candidate", sa.Column(column, sa.Text(), nullable=False, server_default=""),
                      schema="matching")
    op.drop_column("candidate", "profile", schema="matching")
