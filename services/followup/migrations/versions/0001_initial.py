"""followup: the event backbone's tables

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from alembic import op

from services.shared.migrations import create_backbone_v1, drop_backbone_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v1(op, "followup")


def downgrade():
    drop_backbone_v1(op, "followup")
