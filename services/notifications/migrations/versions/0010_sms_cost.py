"""notifications: each text message's encoding and segment count in the delivery log; an
address's opt-out found whatever its case

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None
S = "notifications"


def upgrade():
    op.add_column("delivery", sa.Column("sms_encoding", sa.Text()), schema=S)
    op.add_column("delivery", sa.Column("sms_segments", sa.Integer()), schema=S)
    op.drop_index("ix_contact_opted_out_email", "contact", schema=S)
    op.create_index("ix_contact_opted_out_email", "contact", [sa.text("lower(email)")], schema=S,
                    postgresql_where="opted_out_at IS NOT NULL")


def downgrade():
    op.drop_index("ix_contact_opted_out_email", "contact", schema=S)
    op.create_index("ix_contact_opted_out_email", "contact", ["email"], schema=S,
                    postgresql_where="opted_out_at IS NOT NULL")
    op.drop_column("delivery", "sms_segments", schema=S)
    op.drop_column("delivery", "sms_encoding", schema=S)
