"""notifications: a contact book of its own, and calendar invitations on deliveries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact",
        sa.Column("person_id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_contact"),
        schema="notifications",
    )
    op.add_column("delivery", sa.Column("calendar", sa.Text(), nullable=True), schema="notifications")


def downgrade():
    op.drop_column("delivery", "calendar", schema="notifications")
    op.drop_table("contact", schema="notifications")
