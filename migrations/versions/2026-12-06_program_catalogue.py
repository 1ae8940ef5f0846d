"""The program catalogue of an event: tracks, rooms (microlocations), session types, video
streams, FAQs and their types, sponsors, exhibitors and social links.

Revision ID: 6455308b9fe9
Revises: 5b1e7c2d9a40
Create Date: 2026-12-06 11:42:21.281008+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallway.db

revision: str = "6455308b9fe9"
down_revision: str | None = "5b1e7c2d9a40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exhibitors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("logo_url", sa.String(length=1000), nullable=True),
        sa.Column("banner_url", sa.String(length=1000), nullable=True),
        sa.Column("thumbnail_image_url", sa.String(length=1000), nullable=True),
        sa.Column("enable_video_room", sa.Boolean(), nullable=False),
        sa.Column("video_url", sa.String(length=1000), nullable=True),
        sa.Column("slides_url", sa.String(length=1000), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_link", sa.String(length=1000), nullable=True),
        sa.Column("social_links", sa.JSON(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_exhibitors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibitors")),
    )
    with op.batch_alter_table("exhibitors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibitors_event_id"), ["event_id"], unique=False)

    op.create_table(
        "faq_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_faq_types_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_types")),
    )
    with op.batch_alter_table("faq_types", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_faq_types_event_id"), ["event_id"], unique=False)

    op.create_table(
        "session_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("length", sa.String(length=5), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_session_types_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_types")),
    )
    with op.batch_alter_table("session_types", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_types_event_id"), ["event_id"], unique=False)

    op.create_table(
        "social_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=False),
        sa.Column("identifier", sa.String(length=200), nullable=True),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_social_links_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_links")),
    )
    with op.batch_alter_table("social_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_social_links_event_id"), ["event_id"], unique=False)

    op.create_table(
        "sponsors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("logo_url", sa.String(length=1000), nullable=True),
        sa.Column("type", sa.String(length=200), nullable=True),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_sponsors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsors")),
    )
    with op.batch_alter_table("sponsors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sponsors_event_id"), ["event_id"], unique=False)

    op.create_table(
        "tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_tracks_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracks")),
    )
    with op.batch_alter_table("tracks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tracks_event_id"), ["event_id"], unique=False)

    op.create_table(
        "video_streams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("password", sa.String(length=200), nullable=True),
        sa.Column("bg_img_url", sa.String(length=1000), nullable=True),
        sa.Column("additional_information", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.Column("is_chat_enabled", sa.Boolean(), nullable=False),
        sa.Column("is_global_event_room", sa.Boolean(), nullable=False),
        sa.Column("chat_room_name", sa.String(length=200), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_video_streams_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_video_streams")),
    )
    with op.batch_alter_table("video_streams", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_video_streams_event_id"), ["event_id"], unique=False)

    op.create_table(
        "faqs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("faq_type_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_faqs_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["faq_type_id"],
            ["faq_types.id"],
            name=op.f("fk_faqs_faq_type_id_faq_types"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faqs")),
    )
    with op.batch_alter_table("faqs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_faqs_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_faqs_faq_type_id"), ["faq_type_id"], unique=False)

    op.create_table(
        "microlocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("room", sa.String(length=200), nullable=True),
        sa.Column("floor", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hidden_in_scheduler", sa.Boolean(), nullable=False),
        sa.Column("is_chat_enabled", sa.Boolean(), nullable=False),
        sa.Column("is_global_event_room", sa.Boolean(), nullable=False),
        sa.Column("chat_room_name", sa.String(length=200), nullable=True),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("video_stream_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_microlocations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["video_stream_id"],
            ["video_streams.id"],
            name=op.f("fk_microlocations_video_stream_id_video_streams"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_microlocations")),
    )
    with op.batch_alter_table("microlocations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_microlocations_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_microlocations_video_stream_id"), ["video_stream_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("microlocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_microlocations_video_stream_id"))
        batch_op.drop_index(batch_op.f("ix_microlocations_event_id"))

    op.drop_table("microlocations")
    with op.batch_alter_table("faqs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_faqs_faq_type_id"))
        batch_op.drop_index(batch_op.f("ix_faqs_event_id"))

    op.drop_table("faqs")
    with op.batch_alter_table("video_streams", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_video_streams_event_id"))

    op.drop_table("video_streams")
    with op.batch_alter_table("tracks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tracks_event_id"))

    op.drop_table("tracks")
    with op.batch_alter_table("sponsors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sponsors_event_id"))

    op.drop_table("sponsors")
    with op.batch_alter_table("social_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_social_links_event_id"))

    op.drop_table("social_links")
    with op.batch_alter_table("session_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_types_event_id"))

    op.drop_table("session_types")
    with op.batch_alter_table("faq_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_faq_types_event_id"))

    op.drop_table("faq_types")
    with op.batch_alter_table("exhibitors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exhibitors_event_id"))

    op.drop_table("exhibitors")
