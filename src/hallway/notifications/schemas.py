"""What the recipient may change about a notification."""

from __future__ import annotations

from hallway.jsonapi import Attributes


class NotificationUpdate(Attributes):
    is_read: bool = False
