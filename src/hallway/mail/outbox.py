"""`queue_mail`: write the mail in the caller's transaction; deliver it after the commit."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from hallway.aftercommit import on_commit
from hallway.jobs import JobsNotStarted, enqueue
from hallway.mail.delivery import utcnow
from hallway.mail.message import Attachment
from hallway.mail.models import MailStatus, OutboxMail
from hallway.mail.render import render_subject
from hallway.mail.tasks import DELIVER

log = logging.getLogger("hallway.mail")


class InvalidRecipient(ValueError):
    """Not a single mail address."""


async def queue_mail(
    session: AsyncSession,
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    attachments: Sequence[Attachment] = (),
) -> OutboxMail:
    """Add the mail to the session's transaction (flushed, not committed). Once that
    transaction commits, a job delivers it; if the job cannot, the sweeper retries."""
    _check_recipient(to)
    now = utcnow()
    mail = OutboxMail(
        recipient=to,
        subject=render_subject(template, context),
        template=template,
        context=context,
        attachments=[attachment.to_json() for attachment in attachments],
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(mail)
    await session.flush()
    mail_id = mail.id
    on_commit(session, lambda: _deliver_soon(mail_id))
    return mail


async def _deliver_soon(mail_id: int) -> None:
    try:
        await enqueue(DELIVER, mail_id)
    except JobsNotStarted:
        log.info("jobs are not running: mail %s waits for the sweeper", mail_id)
    except ConnectionError as exc:  # the broker is down: said once by the runner
        log.info("mail %s waits for the sweeper: %s", mail_id, exc)
    except Exception:
        log.exception("could not enqueue mail %s: it waits for the sweeper", mail_id)


def _check_recipient(to: str) -> None:
    if "@" not in to or any(char in to for char in "\r\n,;<>") or to != to.strip():
        raise InvalidRecipient(f"not a mail address: {to!r}")
