"""custom form options and translates

Revision ID: d1a7206d9d76
Revises: c0dc21eb2158
Create Date: 2026-12-06 17:49:22.931636+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = 'd1a7206d9d76'
down_revision: str | None = 'c0dc21eb2158'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('custom_form_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.Column('custom_form_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['custom_form_id'], ['custom_forms.id'], name=op.f('fk_custom_form_options_custom_form_id_custom_forms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_form_options'))
    )
    with op.batch_alter_table('custom_form_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custom_form_options_custom_form_id'), ['custom_form_id'], unique=False)

    op.create_table('custom_form_translates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('language_code', sa.String(length=16), nullable=False),
    sa.Column('form_id', sa.String(length=255), nullable=True),
    sa.Column('custom_form_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['custom_form_id'], ['custom_forms.id'], name=op.f('fk_custom_form_translates_custom_form_id_custom_forms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_form_translates'))
    )
    with op.batch_alter_table('custom_form_translates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custom_form_translates_custom_form_id'), ['custom_form_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('custom_form_translates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custom_form_translates_custom_form_id'))

    op.drop_table('custom_form_translates')
    with op.batch_alter_table('custom_form_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custom_form_options_custom_form_id'))

    op.drop_table('custom_form_options')
