"""followup: the backbone's order per record, held events and loop health

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
from alembic import op

from services.shared.migrations import create_backbone_v2, drop_backbone_v2

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v2(op, "followup")


def downgrade():
    drop_backbone_v2(op, "followup")
