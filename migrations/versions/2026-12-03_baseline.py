"""Baseline: the empty schema every later migration builds on.

Revision ID: 2ead0071bc9d
Revises:
Create Date: 2026-12-03 09:41:45.462361+00:00
"""

from collections.abc import Sequence

revision: str = "2ead0071bc9d"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
