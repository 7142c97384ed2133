"""intake: the backbone's order per record, held events and loop health; the proposal a
person's match state is about

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

from services.shared.migrations import create_backbone_v2, drop_backbone_v2

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v2(op, "intake")
    op.add_column("person", sa.Column("match_proposal_id", sa.Text(), nullable=True), schema="intake")
    op.add_column("person", sa.Column("match_proposed_at", sa.DateTime(timezone=True), nullable=True),
                  schema="intake")


def downgrade():
    op.drop_column("person", "match_proposed_at", schema="intake")
    op.drop_column("person", "match_proposal_id", schema="intake")
    drop_backbone_v2(op, "intake")
