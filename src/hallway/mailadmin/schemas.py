"""What a client may send about message settings and e-mail preferences."""

from __future__ import annotations

from hallway.jsonapi import Attributes


class MessageSettingUpdate(Attributes):
    """Only `enabled` changes (the action, recipient and texts are read-only)."""

    enabled: bool | None = None


class EmailNotificationCreate(Attributes):
    next_event: bool = False
    new_paper: bool = False
    session_accept_reject: bool = False
    session_schedule: bool = False
    after_ticket_purchase: bool = True


class EmailNotificationUpdate(Attributes):
    next_event: bool | None = None
    new_paper: bool | None = None
    session_accept_reject: bool | None = None
    session_schedule: bool | None = None
    after_ticket_purchase: bool | None = None
