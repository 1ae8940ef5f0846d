"""Badge forms and fields, badge fonts and PDFs; the admin's image sizes, seeded

Revision ID: 83e3a7ecb459
Revises: c7d50aa048c0
Create Date: 2026-12-06 21:16:22.485247+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallway.db

revision: str = '83e3a7ecb459'
down_revision: str | None = 'c7d50aa048c0'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('event_image_sizes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('full_width', sa.Integer(), nullable=True),
    sa.Column('full_height', sa.Integer(), nullable=True),
    sa.Column('full_aspect', sa.Boolean(), nullable=True),
    sa.Column('full_quality', sa.Integer(), nullable=True),
    sa.Column('icon_width', sa.Integer(), nullable=True),
    sa.Column('icon_height', sa.Integer(), nullable=True),
    sa.Column('icon_aspect', sa.Boolean(), nullable=True),
    sa.Column('icon_quality', sa.Integer(), nullable=True),
    sa.Column('thumbnail_width', sa.Integer(), nullable=True),
    sa.Column('thumbnail_height', sa.Integer(), nullable=True),
    sa.Column('thumbnail_aspect', sa.Boolean(), nullable=True),
    sa.Column('thumbnail_quality', sa.Integer(), nullable=True),
    sa.Column('logo_width', sa.Integer(), nullable=True),
    sa.Column('logo_height', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_image_sizes'))
    )
    op.create_table('speaker_image_sizes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('small_size_width_height', sa.Integer(), nullable=True),
    sa.Column('small_size_quality', sa.Integer(), nullable=True),
    sa.Column('thumbnail_size_width_height', sa.Integer(), nullable=True),
    sa.Column('thumbnail_size_quality', sa.Integer(), nullable=True),
    sa.Column('icon_size_width_height', sa.Integer(), nullable=True),
    sa.Column('icon_size_quality', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_image_sizes'))
    )
    op.create_table('badge_fonts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('created_at', hallway.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_badge_fonts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_fonts'))
    )
    with op.batch_alter_table('badge_fonts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_fonts_event_id'), ['event_id'], unique=False)

    op.create_table('badge_forms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('badge_id', sa.String(length=255), nullable=False),
    sa.Column('badge_size', sa.String(length=255), nullable=True),
    sa.Column('badge_color', sa.String(length=50), nullable=True),
    sa.Column('badge_image_url', sa.String(length=1000), nullable=True),
    sa.Column('badge_orientation', sa.String(length=50), nullable=True),
    sa.Column('badge_fields', sa.JSON(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_badge_forms_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_forms'))
    )
    with op.batch_alter_table('badge_forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_forms_badge_id'), ['badge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_badge_forms_event_id'), ['event_id'], unique=False)

    op.create_table('badge_pdfs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('badges', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', hallway.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_badge_pdfs_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_pdfs'))
    )
    with op.batch_alter_table('badge_pdfs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_pdfs_event_id'), ['event_id'], unique=False)

    op.create_table('badge_field_forms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('badge_id', sa.String(length=255), nullable=False),
    sa.Column('field_identifier', sa.String(length=255), nullable=True),
    sa.Column('custom_field', sa.String(length=255), nullable=True),
    sa.Column('sample_text', sa.String(length=255), nullable=True),
    sa.Column('font_size', sa.Integer(), nullable=True),
    sa.Column('font_name', sa.String(length=255), nullable=True),
    sa.Column('font_weight', sa.JSON(), nullable=True),
    sa.Column('font_color', sa.String(length=50), nullable=True),
    sa.Column('text_alignment', sa.String(length=20), nullable=True),
    sa.Column('text_type', sa.String(length=20), nullable=True),
    sa.Column('text_rotation', sa.Integer(), nullable=True),
    sa.Column('margin_top', sa.Integer(), nullable=True),
    sa.Column('margin_bottom', sa.Integer(), nullable=True),
    sa.Column('margin_left', sa.Integer(), nullable=True),
    sa.Column('margin_right', sa.Integer(), nullable=True),
    sa.Column('qr_custom_field', sa.JSON(), nullable=True),
    sa.Column('is_deleted', sa.Boolean(), nullable=False),
    sa.Column('is_field_expanded', sa.Boolean(), nullable=False),
    sa.Column('badge_form_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['badge_form_id'], ['badge_forms.id'], name=op.f('fk_badge_field_forms_badge_form_id_badge_forms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_badge_field_forms_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_field_forms'))
    )
    with op.batch_alter_table('badge_field_forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_field_forms_badge_form_id'), ['badge_form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_badge_field_forms_event_id'), ['event_id'], unique=False)

    _seed_image_sizes()


def _seed_image_sizes() -> None:
    """The sizes uploads were resized to before the admin could change them."""
    event = sa.table('event_image_sizes', *(sa.column(name) for name in EVENT_SIZES))
    op.bulk_insert(event, [EVENT_SIZES])
    speaker = sa.table('speaker_image_sizes', *(sa.column(name) for name in SPEAKER_SIZES))
    op.bulk_insert(speaker, [SPEAKER_SIZES])


EVENT_SIZES = {
    'id': 1, 'type': 'event-image',
    'full_width': 1300, 'full_height': 500, 'full_aspect': True, 'full_quality': 80,
    'icon_width': 75, 'icon_height': 30, 'icon_aspect': True, 'icon_quality': 80,
    'thumbnail_width': 500, 'thumbnail_height': 200, 'thumbnail_aspect': True,
    'thumbnail_quality': 80, 'logo_width': 500, 'logo_height': 200,
}
SPEAKER_SIZES = {
    'id': 2, 'type': 'speaker-image',
    'small_size_width_height': 50, 'small_size_quality': 80,
    'thumbnail_size_width_height': 500, 'thumbnail_size_quality': 80,
    'icon_size_width_height': 35, 'icon_size_quality': 80,
}


def downgrade() -> None:
    with op.batch_alter_table('badge_field_forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_field_forms_event_id'))
        batch_op.drop_index(batch_op.f('ix_badge_field_forms_badge_form_id'))

    op.drop_table('badge_field_forms')
    with op.batch_alter_table('badge_pdfs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_pdfs_event_id'))

    op.drop_table('badge_pdfs')
    with op.batch_alter_table('badge_forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_forms_event_id'))
        batch_op.drop_index(batch_op.f('ix_badge_forms_badge_id'))

    op.drop_table('badge_forms')
    with op.batch_alter_table('badge_fonts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_fonts_event_id'))

    op.drop_table('badge_fonts')
    op.drop_table('speaker_image_sizes')
    op.drop_table('event_image_sizes')
