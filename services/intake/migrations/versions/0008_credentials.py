"""intake: one credential store (sessions, API tokens; partner keys to come) with kinds,
scopes, expiry, revocation and last use

The tokens are now signed by the gateway and never stored: the old bearer tokens (12 hours
at most) stop working, and their clients ask for new ones.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None
S = "intake"
STAMP = sa.DateTime(timezone=True)


def upgrade():
    op.drop_table("api_token", schema=S)
    op.create_table(
        "credential",
        sa.Column("id", UUID(as_uuid=False), nullable=False),
        sa.Column("account_id", UUID(as_uuid=False), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("scopes", JSONB(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
        sa.Column("last_used_at", STAMP, nullable=True),
        sa.ForeignKeyConstraint(["account_id"], [f"{S}.account.id"], name=op.f("fk_credential_account_id_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential")),
        schema=S)
    op.create_index(op.f("ix_credential_account_id"), "credential", ["account_id"], schema=S)
    op.create_index(op.f("ix_credential_revoked_at_expires_at"), "credential", ["revoked_at", "expires_at"],
                    schema=S)


def downgrade():
    op.drop_table("credential", schema=S)
    op.create_table(
        "api_token",
        sa.Column("id", UUID(as_uuid=False), nullable=False),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("account_id", UUID(as_uuid=False), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
        sa.ForeignKeyConstraint(["account_id"], [f"{S}.account.id"], name=op.f("fk_api_token_account_id_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
        schema=S)
    op.create_index(op.f("ix_api_token_account_id"), "api_token", ["account_id"], schema=S)
