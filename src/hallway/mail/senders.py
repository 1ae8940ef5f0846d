"""Mail senders chosen by MAIL_BACKEND: console (default), smtp or sendgrid.

A sender either delivers the message or raises `MailNotSent`; the outbox then retries.
"""

from __future__ import annotations

import base64
import logging
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any, Protocol

from hallway.config import Settings
from hallway.mail.message import Message
from hallway.supervision import optional_imports_hidden

log = logging.getLogger("hallway.mail")
TIMEOUT_SECONDS = 30.0
ERROR_LIMIT = 500


class MailNotSent(Exception):
    """The provider did not accept the mail; worth another attempt later."""


class MailSender(Protocol):
    async def send(self, message: Message) -> None: ...


def sender_for(settings: Settings) -> MailSender:
    if settings.mail_backend == "smtp":
        return SmtpSender(settings)
    if settings.mail_backend == "sendgrid":
        return SendgridSender(settings)
    return ConsoleSender()


class ConsoleSender:
    """Prints the mail to stdout: development and tests."""

    async def send(self, message: Message) -> None:
        lines = [
            f"From: {message.sender}",
            f"To: {message.to}",
            f"Subject: {message.subject}",
            "",
            message.text.rstrip(),
            "",
            "--- HTML ---",
            message.html.rstrip(),
        ]
        lines += [
            f"--- attachment: {a.filename} ({a.content_type}, {len(a.content)} bytes)"
            for a in message.attachments
        ]
        print("\n".join([f"===== mail to {message.to} =====", *lines, "====="]), flush=True)


def build_mime(message: Message) -> EmailMessage:
    mime = EmailMessage()
    mime["From"] = message.sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime.set_content(message.text)
    mime.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mime.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return mime


class SmtpSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, message: Message) -> None:
        import aiosmtplib  # when the first mail goes out, not in every web process

        s = self.settings
        try:
            await aiosmtplib.send(
                build_mime(message),
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username or None,
                password=s.smtp_password or None,
                use_tls=s.smtp_encryption == "ssl",
                start_tls=s.smtp_encryption == "tls",
                timeout=TIMEOUT_SECONDS,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise MailNotSent(f"SMTP {s.smtp_host}:{s.smtp_port}: {exc}"[:ERROR_LIMIT]) from exc


def sendgrid_payload(message: Message) -> dict[str, Any]:
    """The Sendgrid v3 `mail/send` body."""
    name, address = parseaddr(message.sender)
    sender = {"email": address, "name": name} if name else {"email": address}
    payload: dict[str, Any] = {
        "personalizations": [{"to": [{"email": message.to}]}],
        "from": sender,
        "subject": message.subject,
        "content": [
            {"type": "text/plain", "value": message.text},
            {"type": "text/html", "value": message.html},
        ],
    }
    if message.attachments:
        payload["attachments"] = [
            {
                "content": base64.b64encode(a.content).decode("ascii"),
                "type": a.content_type,
                "filename": a.filename,
                "disposition": "attachment",
            }
            for a in message.attachments
        ]
    return payload


class SendgridSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, message: Message) -> None:
        # httpx when Sendgrid first sends, without its command line's rich and pygments,
        # which its package imports when it can (about 4 MB in a process that never uses them).
        with optional_imports_hidden(("rich", "pygments")):
            import httpx

        headers = {"Authorization": f"Bearer {self.settings.sendgrid_key or ''}"}
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
                response = await client.post(
                    self.settings.sendgrid_url, json=sendgrid_payload(message), headers=headers
                )
        except httpx.HTTPError as exc:
            raise MailNotSent(f"Sendgrid: {type(exc).__name__}: {exc}"[:ERROR_LIMIT]) from exc
        if not response.is_success:
            detail = f"Sendgrid answered {response.status_code}: {response.text}"
            raise MailNotSent(detail[:ERROR_LIMIT])
