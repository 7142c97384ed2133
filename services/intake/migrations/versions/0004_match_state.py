"""intake: where matching has got with a person, for their status page

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("person", sa.Column("match_state", sa.Text(), nullable=True), schema="intake")
    op.add_column("person", sa.Column("matched_on", sa.Date(), nullable=True), schema="intake")


def downgrade():
    op.drop_column("person", "matched_on", schema="intake")
    op.drop_column("person", "match_state", schema="intake")
