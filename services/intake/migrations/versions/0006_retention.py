"""intake: why retention could not erase an application's person, if it could not

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("application", sa.Column("retention_error", sa.Text(), nullable=True), schema="intake")


def downgrade():
    op.drop_column("application", "retention_error", schema="intake")
