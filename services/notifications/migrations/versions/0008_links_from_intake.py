"""notifications: links are minted by intake when a message is sent; no link is kept here

The status link an SMS pointed to is no longer copied here. Stop links already sent keep
working: only their hash is kept (`legacy_stop_hash`).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None
S = "notifications"


def upgrade():
    op.add_column("contact", sa.Column("legacy_stop_hash", sa.Text(), nullable=True), schema=S)
    op.execute(f"""UPDATE {S}.contact SET legacy_stop_hash =
                   encode(sha256(convert_to(opt_out_token, 'UTF8')), 'hex') WHERE opt_out_token IS NOT NULL""")
    op.create_unique_constraint(op.f("uq_contact_legacy_stop_hash"), "contact", ["legacy_stop_hash"], schema=S)
    op.drop_column("contact", "opt_out_token", schema=S)
    op.drop_column("contact", "status_url", schema=S)


def downgrade():
    # the stop tokens themselves were never kept: new ones, so older messages' links stop working
    op.add_column("contact", sa.Column("status_url", sa.Text(), nullable=True), schema=S)
    op.add_column("contact", sa.Column("opt_out_token", sa.Text(), nullable=True), schema=S)
    op.execute(f"UPDATE {S}.contact SET opt_out_token = md5(random()::text || person_id::text)"
               " WHERE erased_at IS NULL")
    op.create_unique_constraint(op.f("uq_contact_opt_out_token"), "contact", ["opt_out_token"], schema=S)
    op.drop_constraint(op.f("uq_contact_legacy_stop_hash"), "contact", schema=S)
    op.drop_column("contact", "legacy_stop_hash", schema=S)
