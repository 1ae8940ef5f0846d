"""Delivering outbox rows: claim one atomically, send it, record the outcome.

A claim is an UPDATE that succeeds only on a pending, due, unclaimed row, so concurrent
deliverers (server processes, Celery workers, sweeps) never send a mail twice. A claim is
a lease: a deliverer that dies mid-send frees the row when `claimed_until` passes. A failed
attempt leaves the row pending with an exponential backoff until `mail_max_attempts`.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, insert, or_, select, update

from hallway.config import Settings
from hallway.db import Database
from hallway.mail.message import Attachment, Message
from hallway.mail.models import MailStatus, OutboxMail, SentMail
from hallway.mail.render import BrokenMailTemplate, UnknownMailTemplate, render_body
from hallway.mail.runtime import runtime_for
from hallway.mail.senders import MailSender, sender_for

log = logging.getLogger("hallway.mail")
LEASE = timedelta(minutes=5)
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600
SWEEP_BATCH = 100
ERROR_LIMIT = 1000


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"  # not pending, not due, claimed by another deliverer, or gone
    DISABLED = "disabled"  # its kind of mail is switched off: not sent, not retried


def utcnow() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 30 s, 1 min, 2 min, ... at most 6 h."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_CAP_SECONDS))


def _deliverable(moment: datetime) -> ColumnElement[bool]:
    return and_(
        OutboxMail.status == MailStatus.PENDING,
        OutboxMail.next_attempt_at <= moment,
        or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < moment),
    )


async def claim(db: Database, mail_id: int) -> str | None:
    """Take the mail for one delivery attempt; the claim token, or None if not ours."""
    token, moment = uuid.uuid4().hex, utcnow()
    statement = (
        update(OutboxMail)
        .where(OutboxMail.id == mail_id, _deliverable(moment))
        .values(claimed_until=moment + LEASE, claim_token=token)
    )
    async with db.engine.begin() as conn:
        result = await conn.execute(statement)
    return token if result.rowcount == 1 else None


async def deliver_mail(
    db: Database, settings: Settings, mail_id: int, sender: MailSender | None = None
) -> Outcome:
    """One delivery attempt of one mail, if it is due and nobody else is delivering it. The
    settings row and the message settings are read now (runtime.py); a given `sender` is
    used as is."""
    token = await claim(db, mail_id)
    if token is None:
        return Outcome.SKIPPED
    async with db.sessions() as session:
        mail = await session.get(OutboxMail, mail_id)
        if mail is None:
            return Outcome.SKIPPED
        runtime = await runtime_for(session, settings, mail.template)
    if not runtime.enabled:
        log.info("mail %s (%s) is switched off: not sent", mail_id, mail.template)
        await _finish(db, mail, token, status=MailStatus.DISABLED)
        return Outcome.DISABLED
    try:
        message = compose(mail, runtime.settings.mail_from)
    except (UnknownMailTemplate, BrokenMailTemplate) as exc:
        log.error("mail %s cannot be rendered: %r", mail_id, exc)
        await _finish(db, mail, token, status=MailStatus.FAILED, error=repr(exc))
        return Outcome.FAILED
    try:
        await (sender or sender_for(runtime.settings)).send(message)
    except Exception as exc:
        return await _record_failure(db, mail, token, exc, settings.mail_max_attempts)
    await _finish(db, mail, token, status=MailStatus.SENT, sent_at=utcnow(), sent=message)
    return Outcome.SENT


async def deliver_due(
    db: Database, settings: Settings, sender: MailSender | None = None
) -> dict[str, int]:
    """Attempt every due pending mail (a batch of them); outcome -> count."""
    async with db.sessions() as session:
        due = await session.scalars(
            select(OutboxMail.id)
            .where(_deliverable(utcnow()))
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
            .limit(SWEEP_BATCH)
        )
        ids = list(due)
    outcomes = Counter([await deliver_mail(db, settings, mail_id, sender) for mail_id in ids])
    return {outcome.value: outcomes[outcome] for outcome in Outcome}


def compose(mail: OutboxMail, sender: str) -> Message:
    body = render_body(mail.template, mail.context)
    return Message(
        sender=sender,
        to=mail.recipient,
        subject=mail.subject,
        text=body.text,
        html=body.html,
        attachments=tuple(Attachment.from_json(item) for item in mail.attachments),
    )


async def _record_failure(
    db: Database, mail: OutboxMail, token: str, exc: Exception, max_attempts: int
) -> Outcome:
    attempts = mail.attempts + 1
    error = f"{type(exc).__name__}: {exc}"
    log.warning("mail %s not sent (attempt %d of %d): %s", mail.id, attempts, max_attempts, error)
    if attempts >= max_attempts:
        await _finish(db, mail, token, status=MailStatus.FAILED, error=error)
        return Outcome.FAILED
    await _finish(
        db,
        mail,
        token,
        status=MailStatus.PENDING,
        error=error,
        retry_at=utcnow() + backoff(attempts),
    )
    return Outcome.RETRY


async def _finish(
    db: Database,
    mail: OutboxMail,
    token: str,
    *,
    status: MailStatus,
    error: str | None = None,
    sent_at: datetime | None = None,
    retry_at: datetime | None = None,
    sent: Message | None = None,
) -> None:
    """Record the attempt and release the claim (only if the claim is still ours); a sent
    mail enters the mail log in the same transaction."""
    values: dict[str, object] = {
        "status": status,
        "attempts": mail.attempts + 1,
        "claimed_until": None,
        "claim_token": None,
    }
    if error is not None:
        values["last_error"] = error[:ERROR_LIMIT]
    if sent_at is not None:
        values["sent_at"] = sent_at
    if retry_at is not None:
        values["next_attempt_at"] = retry_at
    statement = (
        update(OutboxMail)
        .where(OutboxMail.id == mail.id, OutboxMail.claim_token == token)
        .values(**values)
    )
    async with db.engine.begin() as conn:
        result = await conn.execute(statement)
        if sent is not None and sent_at is not None and result.rowcount == 1:
            await conn.execute(insert(SentMail).values(_log_entry(mail, sent, sent_at)))


def _log_entry(mail: OutboxMail, sent: Message, moment: datetime) -> dict[str, object]:
    return {
        "recipient": sent.to,
        "time": moment,
        "action": mail.template,
        "subject": sent.subject,
        "message": sent.html,
    }
