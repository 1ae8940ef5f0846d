"""Sessions (with their state), speakers (one address per event), the speakers of each
session, and one call for speakers per event; invites to co-speak at a session;
feedback on events and sessions (one per user and session).

Revision ID: 44029441eb18
Revises: 94424a4be756
Create Date: 2026-12-06 14:28:45.190478+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallway.db

revision: str = "44029441eb18"
down_revision: str | None = "94424a4be756"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("photo_url", sa.String(length=1000), nullable=True),
        sa.Column("thumbnail_image_url", sa.String(length=1000), nullable=True),
        sa.Column("small_image_url", sa.String(length=1000), nullable=True),
        sa.Column("icon_image_url", sa.String(length=1000), nullable=True),
        sa.Column("short_biography", sa.Text(), nullable=True),
        sa.Column("long_biography", sa.Text(), nullable=True),
        sa.Column("speaking_experience", sa.Text(), nullable=True),
        sa.Column("mobile", sa.String(length=100), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("website", sa.String(length=1000), nullable=True),
        sa.Column("twitter", sa.String(length=1000), nullable=True),
        sa.Column("facebook", sa.String(length=1000), nullable=True),
        sa.Column("github", sa.String(length=1000), nullable=True),
        sa.Column("linkedin", sa.String(length=1000), nullable=True),
        sa.Column("instagram", sa.String(length=1000), nullable=True),
        sa.Column("mastodon", sa.String(length=1000), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("gender", sa.String(length=50), nullable=True),
        sa.Column("heard_from", sa.String(length=200), nullable=True),
        sa.Column("sponsorship_required", sa.Text(), nullable=True),
        sa.Column("is_featured", sa.Boolean(), nullable=False),
        sa.Column("is_email_overridden", sa.Boolean(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("complex_field_values", sa.JSON(), nullable=True),
        sa.Column("speaker_positions", sa.JSON(), nullable=True),
        sa.Column("created_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_speakers_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_speakers_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint("event_id", "email", name="uq_speakers_event_email"),
    )
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speakers_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speakers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "speakers_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement", sa.Text(), nullable=True),
        sa.Column("starts_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("soft_ends_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("privacy", sa.String(length=10), nullable=False),
        sa.Column("hash", sa.String(length=100), nullable=True),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_speakers_calls_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers_calls")),
    )
    with op.batch_alter_table("speakers_calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speakers_calls_event_id"), ["event_id"], unique=True)

    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("subtitle", sa.String(length=300), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column("short_abstract", sa.Text(), nullable=True),
        sa.Column("long_abstract", sa.Text(), nullable=True),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.Column("starts_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("language", sa.String(length=100), nullable=True),
        sa.Column("slides_url", sa.String(length=1000), nullable=True),
        sa.Column("slides", sa.JSON(), nullable=True),
        sa.Column("video_url", sa.String(length=1000), nullable=True),
        sa.Column("audio_url", sa.String(length=1000), nullable=True),
        sa.Column("signup_url", sa.String(length=1000), nullable=True),
        sa.Column("website", sa.String(length=1000), nullable=True),
        sa.Column("twitter", sa.String(length=1000), nullable=True),
        sa.Column("facebook", sa.String(length=1000), nullable=True),
        sa.Column("github", sa.String(length=1000), nullable=True),
        sa.Column("gitlab", sa.String(length=1000), nullable=True),
        sa.Column("linkedin", sa.String(length=1000), nullable=True),
        sa.Column("instagram", sa.String(length=1000), nullable=True),
        sa.Column("mastodon", sa.String(length=1000), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("is_locked", sa.Boolean(), nullable=False),
        sa.Column("is_mail_sent", sa.Boolean(), nullable=False),
        sa.Column("complex_field_values", sa.JSON(), nullable=True),
        sa.Column("created_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_modified_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=True),
        sa.Column("microlocation_id", sa.Integer(), nullable=True),
        sa.Column("session_type_id", sa.Integer(), nullable=True),
        sa.Column("creator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["users.id"],
            name=op.f("fk_sessions_creator_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_sessions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["microlocation_id"],
            ["microlocations.id"],
            name=op.f("fk_sessions_microlocation_id_microlocations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_type_id"],
            ["session_types.id"],
            name=op.f("fk_sessions_session_type_id_session_types"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["track_id"],
            ["tracks.id"],
            name=op.f("fk_sessions_track_id_tracks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sessions_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sessions_microlocation_id"), ["microlocation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_sessions_session_type_id"), ["session_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_sessions_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_sessions_track_id"), ["track_id"], unique=False)

    op.create_table(
        "speakers_sessions",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_speakers_sessions_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speakers_sessions_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("speaker_id", "session_id", name=op.f("pk_speakers_sessions")),
    )
    with op.batch_alter_table("speakers_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speakers_sessions_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "speaker_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_speaker_invites_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_speaker_invites_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_invites")),
    )
    with op.batch_alter_table("speaker_invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_invites_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_speaker_invites_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "feedbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", hallway.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_feedbacks_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_feedbacks_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_feedbacks_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedbacks")),
        sa.UniqueConstraint("session_id", "user_id", name="uq_feedbacks_session_user"),
    )
    with op.batch_alter_table("feedbacks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedbacks_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedbacks_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedbacks_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feedbacks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedbacks_user_id"))
        batch_op.drop_index(batch_op.f("ix_feedbacks_session_id"))
        batch_op.drop_index(batch_op.f("ix_feedbacks_event_id"))

    op.drop_table("feedbacks")
    with op.batch_alter_table("speaker_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_invites_session_id"))
        batch_op.drop_index(batch_op.f("ix_speaker_invites_event_id"))

    op.drop_table("speaker_invites")
    with op.batch_alter_table("speakers_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speakers_sessions_session_id"))

    op.drop_table("speakers_sessions")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_track_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_state"))
        batch_op.drop_index(batch_op.f("ix_sessions_session_type_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_microlocation_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_event_id"))
        batch_op.drop_index(batch_op.f("ix_sessions_creator_id"))

    op.drop_table("sessions")
    with op.batch_alter_table("speakers_calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speakers_calls_event_id"))

    op.drop_table("speakers_calls")
    with op.batch_alter_table("speakers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speakers_user_id"))
        batch_op.drop_index(batch_op.f("ix_speakers_event_id"))

    op.drop_table("speakers")
