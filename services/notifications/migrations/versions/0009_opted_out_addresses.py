"""notifications: find quickly whether an address or number opted out (a person who applied
twice is two contacts; either one's opt-out counts for both)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None
S = "notifications"


def upgrade():
    op.create_index("ix_contact_opted_out_email", "contact", ["email"], schema=S,
                    postgresql_where="opted_out_at IS NOT NULL")
    op.create_index("ix_contact_opted_out_phone", "contact", ["phone"], schema=S,
                    postgresql_where="opted_out_at IS NOT NULL")


def downgrade():
    op.drop_index("ix_contact_opted_out_phone", "contact", schema=S)
    op.drop_index("ix_contact_opted_out_email", "contact", schema=S)
