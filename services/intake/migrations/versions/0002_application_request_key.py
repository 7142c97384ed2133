"""intake: an idempotency key on applications

A submission whose RPC request is delivered again (the service died after its commit, before
its answer) or which a person sends twice finds the application it already made.

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
    op.add_column("application", sa.Column("request_key", sa.Text(), nullable=True), schema="intake")
    op.create_unique_constraint("uq_application_request_key", "application", ["request_key"],
                                schema="intake")


def downgrade():
    op.drop_constraint("uq_application_request_key", "application", schema="intake")
    op.drop_column("application", "request_key", schema="intake")
