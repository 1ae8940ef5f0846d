"""Role invites: an address invited to a role on an event, at most one pending per address
and event; only a digest of the mailed token is stored.

Revision ID: 5ecfda8701cb
Revises: 6dcc7ef99adc
Create Date: 2026-12-06 12:32:21.268483+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hallway.db

revision: str = "5ecfda8701cb"
down_revision: str | None = "6dcc7ef99adc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "role_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role_name", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", hallway.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_role_invites_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["roles.id"],
            name=op.f("fk_role_invites_role_id_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_invites")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_role_invites_token_digest")),
    )
    with op.batch_alter_table("role_invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_invites_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            "uq_role_invites_pending_email",
            ["event_id", "email"],
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("role_invites", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_role_invites_pending_email",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index(batch_op.f("ix_role_invites_event_id"))

    op.drop_table("role_invites")
