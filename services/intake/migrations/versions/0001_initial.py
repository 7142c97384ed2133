"""intake: people, applications, screening, accounts

Revision ID: 0001
Revises: 
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from services.shared.migrations import create_backbone_v1, drop_backbone_v1

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_backbone_v1(op, "intake")
    op.create_table('account',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('email', sa.Text(), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('display_name', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('email', name=op.f('uq_account_email')),
    schema='intake'
    )
    op.create_table('login_attempt',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('email', sa.Text(), nullable=False),
    sa.Column('client_ip', postgresql.INET(), nullable=True),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt')),
    schema='intake'
    )
    op.create_index(op.f('ix_login_attempt_client_ip_attempted_at'), 'login_attempt', ['client_ip', 'attempted_at'], unique=False, schema='intake')
    op.create_index(op.f('ix_login_attempt_email_attempted_at'), 'login_attempt', ['email', 'attempted_at'], unique=False, schema='intake')
    op.create_table('person',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('first_name', sa.Text(), nullable=False),
    sa.Column('last_name', sa.Text(), nullable=False),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('phone', sa.Text(), nullable=True),
    sa.Column('language', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    schema='intake'
    )
    op.create_index(op.f('ix_person_email'), 'person', ['email'], unique=False, schema='intake')
    op.create_index(op.f('ix_person_phone'), 'person', ['phone'], unique=False, schema='intake')
    op.create_table('api_token',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('token_hash', sa.Text(), nullable=False),
    sa.Column('account_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['intake.account.id'], name=op.f('fk_api_token_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash')),
    schema='intake'
    )
    op.create_index(op.f('ix_api_token_account_id'), 'api_token', ['account_id'], unique=False, schema='intake')
    op.create_table('application',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('person_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('status_token', sa.Text(), nullable=False),
    sa.Column('consent_version', sa.Text(), nullable=False),
    sa.Column('consented_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['intake.person.id'], name=op.f('fk_application_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application')),
    sa.UniqueConstraint('status_token', name=op.f('uq_application_status_token')),
    schema='intake'
    )
    op.create_index(op.f('ix_application_status_submitted_at'), 'application', ['status', 'submitted_at'], unique=False, schema='intake')
    op.create_table('screening_decision',
    sa.Column('id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('application_id', sa.UUID(as_uuid=False), nullable=False),
    sa.Column('decision', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.UUID(as_uuid=False), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['intake.application.id'], name=op.f('fk_screening_decision_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_decision')),
    schema='intake'
    )
    op.create_index(op.f('ix_screening_decision_application_id'), 'screening_decision', ['application_id'], unique=False, schema='intake')


def downgrade():
    for table in ("screening_decision", "application", "api_token", "person", "login_attempt",
                  "account"):
        op.drop_table(table, schema="intake")
    drop_backbone_v1(op, "intake")
