"""intake: every link without a password is a purpose-bound, expiring token kept as its hash

Status tokens (kept in the clear until now) and the hashes of password links move to `link`;
a status link already sent keeps working for the usual 180 days.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
S = "intake"
STAMP = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "link",
        sa.Column("id", UUID(as_uuid=False), nullable=False),
        sa.Column("person_id", UUID(as_uuid=False), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=True),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("issued_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("used_at", STAMP, nullable=True),
        sa.ForeignKeyConstraint(["person_id"], [f"{S}.person.id"], name=op.f("fk_link_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_link_token_hash")),
        schema=S)
    op.create_index(op.f("ix_link_person_id"), "link", ["person_id"], schema=S)
    op.create_index(op.f("ix_link_purpose_ref"), "link", ["purpose", "ref"], schema=S)
    op.execute(f"""
        INSERT INTO {S}.link (id, person_id, purpose, ref, token_hash, issued_at, expires_at)
        SELECT gen_random_uuid(), a.person_id, 'status', a.id::text,
               encode(sha256(convert_to(a.status_token, 'UTF8')), 'hex'), now(), now() + interval '180 days'
        FROM {S}.application a JOIN {S}.person p ON p.id = a.person_id WHERE p.erased_at IS NULL""")
    op.execute(f"""
        INSERT INTO {S}.link (id, person_id, purpose, ref, token_hash, issued_at, expires_at, used_at)
        SELECT gen_random_uuid(), ac.person_id, 'account_setup', i.id::text, i.token_hash,
               i.created_at, i.expires_at, i.used_at
        FROM {S}.account_invitation i JOIN {S}.account ac ON ac.id = i.account_id
        WHERE ac.person_id IS NOT NULL""")
    op.drop_column("application", "status_token", schema=S)
    op.drop_column("account_invitation", "token_hash", schema=S)


def downgrade():
    # the tokens themselves were never kept: links issued since then stop working
    op.add_column("account_invitation", sa.Column("token_hash", sa.Text(), nullable=True), schema=S)
    op.execute(f"""UPDATE {S}.account_invitation i SET token_hash = l.token_hash FROM {S}.link l
                   WHERE l.purpose = 'account_setup' AND l.ref = i.id::text""")
    op.execute(f"UPDATE {S}.account_invitation SET token_hash = md5(random()::text) WHERE token_hash IS NULL")
    op.add_column("application", sa.Column("status_token", sa.Text(), nullable=True), schema=S)
    op.execute(f"UPDATE {S}.application SET status_token = md5(random()::text || id::text)")
    op.alter_column("application", "status_token", nullable=False, schema=S)
    op.create_unique_constraint(op.f("uq_application_status_token"), "application", ["status_token"], schema=S)
    op.create_unique_constraint(op.f("uq_account_invitation_token_hash"), "account_invitation",
                                ["token_hash"], schema=S)
    op.alter_column("account_invitation", "token_hash", nullable=False, schema=S)
    op.drop_table("link", schema=S)
