"""notifications: an erased person's contact row stays, empty, to say they were erased

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
EMPTIED = ("first_name", "language", "channel")


def upgrade():
    op.add_column("contact", sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
                  schema="notifications")
    for column in EMPTIED:
        op.alter_column("contact", column, existing_type=sa.Text(), nullable=True, schema="notifications")


def downgrade():
    op.execute("DELETE FROM notifications.contact WHERE erased_at IS NOT NULL")
    for column in EMPTIED:
        op.alter_column("contact", column, existing_type=sa.Text(), nullable=False, schema="notifications")
    op.drop_column("contact", "erased_at", schema="notifications")
