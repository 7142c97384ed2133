"""intake: what an Idempotency-Key's application sent, as a hash, so the key cannot be
replayed with another application (which would hand out a link to this one)

Applications made before keep working without it: a replay of their key is refused.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("application", sa.Column("request_fingerprint", sa.Text(), nullable=True), schema="intake")


def downgrade():
    op.drop_column("application", "request_fingerprint", schema="intake")
