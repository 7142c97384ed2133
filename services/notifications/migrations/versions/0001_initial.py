"""notifications: the delivery log, with a NOTIFY when a delivery is queued

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

from services.shared.migrations import create_backbone_v1, drop_backbone_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade():
    create_backbone_v1(op, "notifications")
    op.create_table(
        "delivery",
        sa.Column("id", sa.UUID(as_uuid=False), nullable=False),
        sa.Column("idempotency_key", sa.Text(), nullable=False),
        sa.Column("person_id", sa.UUID(as_uuid=False), nullable=True),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("content_language", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=True),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("correlation_id", sa.Text(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_delivery"),
        sa.UniqueConstraint("idempotency_key", name="uq_delivery_idempotency_key"),
        schema="notifications",
    )
    op.create_index("ix_delivery_person_id", "delivery", ["person_id"], schema="notifications")
    op.create_index("ix_delivery_due", "delivery", ["next_attempt_at"], schema="notifications",
                    postgresql_where=sa.text("status = 'pending'"))
    op.execute("""
        CREATE FUNCTION notifications.announce_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('delivery_due', ''); RETURN NULL; END $$;
        CREATE TRIGGER delivery_announce AFTER INSERT ON notifications.delivery
        FOR EACH STATEMENT EXECUTE FUNCTION notifications.announce_delivery();
    """)


def downgrade():
    op.drop_table("delivery", schema="notifications")
    op.execute("DROP FUNCTION IF EXISTS notifications.announce_delivery()")
    drop_backbone_v1(op, "notifications")
