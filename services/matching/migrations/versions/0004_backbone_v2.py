"""matching: the backbone's order per record, held events and loop health

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
from alembic import op

from services.shared.migrations import create_backbone_v2, drop_backbone_v2

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v2(op, "matching")


def downgrade():
    drop_backbone_v2(op, "matching")
