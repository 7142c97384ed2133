"""intake: an account invitation is either the first password (setup) or a new one for a
forgotten password (reset); both are single use and expire, and their links are `Link`s.

Invitations made before are all setups.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("account_invitation", sa.Column("purpose", sa.Text(), nullable=False,
                                                  server_default="setup"), schema="intake")


def downgrade():
    op.drop_column("account_invitation", "purpose", schema="intake")
