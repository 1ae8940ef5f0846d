"""Mail through a transactional outbox: `queue_mail` in the caller's transaction, delivery
after commit by a job, retries with backoff by the sweeper (`deliver_due`)."""

from __future__ import annotations

from hallway.mail.delivery import deliver_due, deliver_mail
from hallway.mail.message import Attachment
from hallway.mail.models import MailStatus, OutboxMail
from hallway.mail.outbox import InvalidRecipient, queue_mail

__all__ = [
    "Attachment",
    "InvalidRecipient",
    "MailStatus",
    "OutboxMail",
    "deliver_due",
    "deliver_mail",
    "queue_mail",
]
