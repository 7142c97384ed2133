"""intake: finding a person by name, e-mail address or phone number — the names as the search
compares them (accents off, case folded), filled in for everyone not erased, and an index for
e-mail addresses by their beginning in any case (the phone number has its own index already)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

from services.intake.search import name_key

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("person", sa.Column("search_name", sa.Text(), nullable=True), schema="intake")
    connection = op.get_bind()
    people = connection.execute(sa.text(
        "SELECT id, first_name, last_name FROM intake.person WHERE erased_at IS NULL")).all()
    for person in people:
        connection.execute(sa.text("UPDATE intake.person SET search_name = :key WHERE id = :id"),
                           {"key": name_key(person.first_name, person.last_name), "id": person.id})
    op.execute("CREATE INDEX ix_person_email_prefix ON intake.person (lower(email) text_pattern_ops)")


def downgrade():
    op.drop_index("ix_person_email_prefix", table_name="person", schema="intake")
    op.drop_column("person", "search_name", schema="intake")
