"""What a delivery reads at run time, once per mail: the platform settings row (mail service,
SMTP server, sender, Sendgrid key) and whether the mail's kind is switched on. A change made
through `/v1/settings` or `/v1/message-settings` therefore reaches the next delivery of every
process without a restart. A field the row leaves empty keeps the environment's value."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Any

from sqlalchemy import column, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.mail.models import MessageSetting

# The settings row is owned by the settings domain (a higher layer); delivery reads only
# these columns of it.
_ROW_ID = 1
_COLUMNS = (
    "email_service",
    "smtp_host",
    "smtp_port",
    "smtp_username",
    "smtp_password",
    "smtp_encryption",
    "email_from",
    "email_from_name",
    "sendgrid_key",
)
_settings_row = table("settings", column("id"), *(column(name) for name in _COLUMNS))
_SERVICES = {"smtp", "sendgrid", "console"}
_ENCRYPTIONS = {"none", "tls", "ssl"}


@dataclass(frozen=True)
class MailRuntime:
    settings: Settings
    enabled: bool  # False: the mail's kind is switched off, or mail is disabled


async def runtime_for(session: AsyncSession, settings: Settings, action: str) -> MailRuntime:
    row = (
        await session.execute(
            select(*(_settings_row.c[name] for name in _COLUMNS)).where(
                _settings_row.c.id == _ROW_ID
            )
        )
    ).first()
    values = dict(row._mapping) if row is not None else {}
    switched_on = await session.scalar(
        select(MessageSetting.enabled).where(MessageSetting.action == action)
    )
    disabled = values.get("email_service") == "disable" or switched_on is False
    return MailRuntime(settings=apply_row(settings, values), enabled=not disabled)


def apply_row(settings: Settings, values: dict[str, Any]) -> Settings:
    """The environment's settings with the row's non-empty mail fields laid over them."""
    changes: dict[str, Any] = {}
    if values.get("email_service") in _SERVICES:
        changes["mail_backend"] = values["email_service"]
    for name in ("smtp_host", "smtp_username", "smtp_password", "sendgrid_key"):
        if values.get(name):
            changes[name] = values[name]
    if values.get("smtp_port"):
        changes["smtp_port"] = int(values["smtp_port"])
    if values.get("smtp_encryption") in _ENCRYPTIONS:
        changes["smtp_encryption"] = values["smtp_encryption"]
    if values.get("email_from") or values.get("email_from_name"):
        env_name, env_address = parseaddr(settings.mail_from)
        changes["mail_from"] = formataddr(
            (values.get("email_from_name") or env_name, values.get("email_from") or env_address)
        )
    return settings.model_copy(update=changes) if changes else settings
