"""matching: when an ended duo's people and words were forgotten (retention)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("duo", sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=True), schema="matching")


def downgrade():
    op.drop_column("duo", "forgotten_at", schema="matching")
