"""The mails about a session's state: the templates served at `GET /v1/sessions/mails`, and
sending one (on a state change with `send-email`, or with `POST /v1/sessions/{id}/notify`)
to the session's speakers and the event's owner, through the outbox."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from hallway.config import Settings
from hallway.errors import ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.mail import InvalidRecipient, queue_mail
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import (
    ACCEPTED,
    CANCELED,
    CONFIRMED,
    PENDING,
    REJECTED,
    WITHDRAWN,
    Session,
    Speaker,
    speakers_sessions,
)
from hallway.users.models import User

_LINKS = (
    "<br/><br/>The session's page (sign in to see it): {session_link}"
    "<br/>The event's page: {event_link}"
    "<br/><br/>Thank you.<br/><a href='{frontend_link}'>{app_name}</a>"
)


def _mail(subject: str, news: str) -> dict[str, str]:
    return {
        "subject": subject,
        "message": "Hello,<br/><br/>This message was sent automatically by {app_name}.<br/><br/>"
        + news
        + _LINKS,
    }


MAILS: dict[str, dict[str, str]] = {
    PENDING: _mail(
        "Received: your submission {session_name} for {event_name}",
        "We received your submission {session_name} for {event_name}. The event's team will "
        'review it; until then its state is "Pending".',
    ),
    ACCEPTED: _mail(
        "Accepted! Your submission {session_name} for {event_name} was accepted",
        "Congratulations: your submission {session_name} for {event_name} was accepted. The "
        "event's team will schedule it; please confirm your participation with them if asked.",
    ),
    CONFIRMED: _mail(
        "Confirmed! Your session {session_name} at {event_name} is confirmed",
        "Your session {session_name} at {event_name} is confirmed. Please tell the event's "
        "team about any change to your participation.",
    ),
    REJECTED: _mail(
        "Not accepted: your submission {session_name} for {event_name}",
        "We are sorry: your submission {session_name} for {event_name} was not accepted. "
        "Questions about this decision go to the event's team.",
    ),
    CANCELED: _mail(
        "Canceled: your session {session_name} at {event_name}",
        "Your session {session_name} at {event_name} was canceled by the event's team. "
        "Questions about this change go to them.",
    ),
    WITHDRAWN: _mail(
        "Withdrawn: the submission {session_name} for {event_name}",
        "The submission {session_name} for {event_name} was withdrawn.",
    ),
}
# Who the mails go to, as the template list says it.
RECIPIENT = "Speaker"
_PLACEHOLDER = re.compile(
    r"\{(event_name|session_name|app_name|session_link|event_link|frontend_link)\}"
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def fill(text: str, values: dict[str, str]) -> str:
    """The known placeholders replaced; any other brace is left as it is."""
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], text)


def lines_of(message: str) -> list[str]:
    """The message's lines (`<br/>` or newlines), other markup dropped: the mail's HTML part
    escapes them, so nothing a sender typed runs in a reader's mail client."""
    text = _BREAK.sub("\n", message)
    return [_TAG.sub("", line) for line in text.split("\n")]


async def recipients(ctx: RequestContext, session: Session) -> list[str]:
    """The session's speakers whose address is not overridden, and the event's owner."""
    speakers = await ctx.session.scalars(
        select(Speaker.email)
        .join(speakers_sessions, speakers_sessions.c.speaker_id == Speaker.id)
        .where(
            speakers_sessions.c.session_id == session.id,
            Speaker.email.is_not(None),
            Speaker.is_email_overridden.is_(False),
        )
    )
    owners = await ctx.session.scalars(
        select(User.email)
        .join(UsersEventsRoles, UsersEventsRoles.user_id == User.id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(UsersEventsRoles.event_id == session.event_id, Role.name == "owner")
    )
    found = [address for address in (*speakers, *owners) if address]
    return list(dict.fromkeys(address.strip().lower() for address in found))


async def send_state_mail(
    ctx: RequestContext,
    session: Session,
    *,
    subject: str | None = None,
    message: str | None = None,
    bcc: tuple[str, ...] = (),
) -> int:
    """Queue the mail of the session's state (its subject or message replaced when given);
    the number of mails queued."""
    template = MAILS.get(session.state)
    if template is None:
        raise ValidationFailed(
            f"there is no mail for a {session.state} session", pointer="/data/attributes/state"
        )
    event = await ctx.session.get(Event, session.event_id)
    assert event is not None
    settings = _settings(ctx)
    frontend = settings.frontend_url.rstrip("/")
    event_link = f"{frontend}/e/{event.identifier}"
    values = {
        "event_name": event.name,
        "session_name": session.title,
        "app_name": settings.app_name,
        "frontend_link": frontend,
        "event_link": event_link,
        "session_link": f"{event_link}/session/{session.id}",
    }
    context: dict[str, Any] = {
        "app_name": values["app_name"],
        "subject": fill(subject or template["subject"], values),
        "lines": lines_of(fill(message or template["message"], values)),
    }
    addresses = [*await recipients(ctx, session), *bcc]
    for address in dict.fromkeys(addresses):
        try:
            await queue_mail(ctx.session, to=address, template="session_state", context=context)
        except InvalidRecipient:
            raise ValidationFailed(f"not a mail address: {address!r}", pointer="/bcc") from None
    session.is_mail_sent = True
    return len(addresses)


def _settings(ctx: RequestContext) -> Settings:
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    return settings
