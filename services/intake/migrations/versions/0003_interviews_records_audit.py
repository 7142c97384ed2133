"""intake: interviews, records, audit, invitations, profiles

The intake interview and its record (notes audited), the feedback sent with a decision,
buddy account invitations, and each person's profile and preferred channel.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entry',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.UUID(as_uuid=False), nullable=True),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('person_id', sa.UUID(as_uuid=False), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    schema='intake'
    )
    op.create_index(op.f('ix_audit_entry_at'), 'audit_entry', ['at'], unique=False, schema='intake')
    op.create_index(op.f('ix_audit_entry_person_id'), 'audit_entry', ['person_id'], unique=False, schema='intake')
    op.create_table('account_invitation',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('account_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('token_hash', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['intake.account.id'], name=op.f('fk_account_invitation_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_invitation_token_hash')),
    schema='intake'
    )
    op.create_index(op.f('ix_account_invitation_account_id'), 'account_invitation', ['account_id'], unique=False, schema='intake')
    op.create_table('intake_interview',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('application_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Text(), nullable=False),
    sa.Column('location', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['intake.application.id'], name=op.f('fk_intake_interview_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_interview')),
    schema='intake'
    )
    op.create_index(op.f('ix_intake_interview_application_id'), 'intake_interview', ['application_id'], unique=False, schema='intake')
    op.create_table('intake_record',
    sa.Column('application_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('expectations', sa.Text(), nullable=True),
    sa.Column('needs', sa.Text(), nullable=True),
    sa.Column('motivation', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.UUID(as_uuid=False), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['intake.application.id'], name=op.f('fk_intake_record_application_id_application')),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_intake_record')),
    schema='intake'
    )
    op.add_column('account', sa.Column('person_id', sa.UUID(as_uuid=False), nullable=True), schema='intake')
    op.alter_column('account', 'password_hash',
               existing_type=sa.TEXT(),
               nullable=True,
               schema='intake')
    op.create_unique_constraint(op.f('uq_account_person_id'), 'account', ['person_id'], schema='intake')
    op.add_column('application', sa.Column('first_contact_at', sa.DateTime(timezone=True), nullable=True), schema='intake')
    op.add_column('application', sa.Column('answers', postgresql.JSONB(astext_type=sa.Text()), nullable=False,
                                           server_default=sa.text("'{}'::jsonb")), schema='intake')
    op.add_column('application', sa.Column('duplicate_of', sa.UUID(as_uuid=False), nullable=True), schema='intake')
    op.add_column('person', sa.Column('channel', sa.Text(), nullable=False, server_default="email"),
                  schema='intake')
    op.execute("UPDATE intake.person SET channel = 'sms' WHERE email IS NULL")
    op.add_column('person', sa.Column('profile', postgresql.JSONB(astext_type=sa.Text()), nullable=False,
                                      server_default=sa.text("'{}'::jsonb")), schema='intake')
    op.add_column('person', sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True), schema='intake')
    op.add_column('screening_decision', sa.Column('feedback', sa.Text(), nullable=True), schema='intake')


def downgrade():
    op.drop_column('screening_decision', 'feedback', schema='intake')
    op.drop_column('person', 'erased_at', schema='intake')
    op.drop_column('person', 'profile', schema='intake')
    op.drop_column('person', 'channel', schema='intake')
    op.drop_column('application', 'duplicate_of', schema='intake')
    op.drop_column('application', 'answers', schema='intake')
    op.drop_column('application', 'first_contact_at', schema='intake')
    op.drop_constraint(op.f('uq_account_person_id'), 'account', schema='intake', type_='unique')
    op.alter_column('account', 'password_hash',
               existing_type=sa.TEXT(),
               nullable=False,
               schema='intake')
    op.drop_column('account', 'person_id', schema='intake')
    op.drop_table('intake_record', schema='intake')
    op.drop_index(op.f('ix_intake_interview_application_id'), table_name='intake_interview', schema='intake')
    op.drop_table('intake_interview', schema='intake')
    op.drop_index(op.f('ix_account_invitation_account_id'), table_name='account_invitation', schema='intake')
    op.drop_table('account_invitation', schema='intake')
    op.drop_index(op.f('ix_audit_entry_person_id'), table_name='audit_entry', schema='intake')
    op.drop_index(op.f('ix_audit_entry_at'), table_name='audit_entry', schema='intake')
    op.drop_table('audit_entry', schema='intake')
