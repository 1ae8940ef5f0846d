"""data jobs: exports and imports

Revision ID: 071d54841d05
Revises: 4ea0a7ae6f5b
Create Date: 2026-12-06 21:15:24.384030+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallway.db

revision: str = '071d54841d05'
down_revision: str | None = '4ea0a7ae6f5b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('data_jobs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('options', sa.Text(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('media_type', sa.String(length=64), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', hallway.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', hallway.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_data_jobs_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_data_jobs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_jobs'))
    )
    with op.batch_alter_table('data_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_jobs_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_jobs_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('data_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_jobs_user_id'))
        batch_op.drop_index(batch_op.f('ix_data_jobs_event_id'))

    op.drop_table('data_jobs')
