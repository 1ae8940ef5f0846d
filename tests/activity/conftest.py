from tests.appfixtures import app, client, mailbox, settings, smtp  # noqa: F401
