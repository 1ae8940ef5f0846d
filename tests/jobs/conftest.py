"""The mail fixtures serve the job tests too: mail delivery is the first real job. The app's
serve the tests of jobs beside requests."""

from __future__ import annotations

from tests.appfixtures import app, client, settings, smtp
from tests.mail.conftest import mail_db, outbox, smtp_server

__all__ = ["app", "client", "mail_db", "outbox", "settings", "smtp", "smtp_server"]
