"""A password change revokes every token but those of the login that made it: the account
remembers that login.

Revision ID: 5b1e7c2d9a40
Revises: faa0963c27b4
Create Date: 2026-12-06 11:40:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b1e7c2d9a40"
down_revision: str | None = "faa0963c27b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("tokens_kept_session", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("tokens_kept_session")
