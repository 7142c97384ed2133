"""notifications: SMS links, opting out, reminders tied to their appointment

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None
S = "notifications"


def upgrade():
    op.add_column("delivery", sa.Column("appointment_uid", sa.Text(), nullable=True), schema=S)
    op.add_column("contact", sa.Column("status_url", sa.Text(), nullable=True), schema=S)
    op.add_column("contact", sa.Column("opt_out_token", sa.Text(), nullable=True), schema=S)
    op.add_column("contact", sa.Column("opted_out_at", sa.DateTime(timezone=True), nullable=True), schema=S)
    op.execute("UPDATE notifications.contact SET opt_out_token = md5(random()::text || person_id::text)"
               " WHERE erased_at IS NULL")
    op.create_unique_constraint("uq_contact_opt_out_token", "contact", ["opt_out_token"], schema=S)


def downgrade():
    op.drop_constraint("uq_contact_opt_out_token", "contact", schema=S)
    for column in ("opted_out_at", "opt_out_token", "status_url"):
        op.drop_column("contact", column, schema=S)
    op.drop_column("delivery", "appointment_uid", schema=S)
