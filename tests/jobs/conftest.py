"""The mail fixtures serve the job tests too: mail delivery is the first real job."""

from __future__ import annotations

from tests.mail.conftest import mail_db, outbox, smtp_server

__all__ = ["mail_db", "outbox", "smtp_server"]
