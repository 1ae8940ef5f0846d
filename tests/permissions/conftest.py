"""The real app (tests.appfixtures); the seeded matrix and panel roles are put back after each
test by the shared clean-up (tests/conftest.py RESTORED_TABLES)."""

from __future__ import annotations

from tests.appfixtures import app, client, mailbox, settings, smtp  # noqa: F401
