"""A ticket fee without a currency: the platform-wide fee (country "global") the admin's ticket
fees page saves.

Revision ID: d398db21c1c4
Revises: 29c0e7e4a51e
Create Date: 2026-12-07 01:12:00.386438+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d398db21c1c4"
down_revision: str | None = "29c0e7e4a51e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_fees", schema=None) as batch_op:
        batch_op.alter_column("currency", existing_type=sa.VARCHAR(length=3), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM ticket_fees WHERE currency IS NULL")
    with op.batch_alter_table("ticket_fees", schema=None) as batch_op:
        batch_op.alter_column("currency", existing_type=sa.VARCHAR(length=3), nullable=False)
