"""Relationships of the Open Event wire contract whose domains are not built yet.

They render links and answer empty (to-one: null) until their domain lands. The domain then
attaches the real relationship from its own package (`relate`), and the line here goes:
registration refuses a plan whose target type exists.
"""

from __future__ import annotations

from hallway.jsonapi import Attachment, ToMany, ToOne, planned

EVENT_MANY: dict[str, str] = {}
EVENT_ONE: dict[str, str] = {}
USER_MANY: dict[str, str] = {}
# Events by platform role: they wait for per-event system roles (marketers, sales admins).
USER_SYSTEM_ROLE_EVENTS = ("marketer_events", "sales_admin_events")
GROUP_MANY = {"roles": "users-groups-role"}
# The group's `follower` is the caller's own follow of it: a relationship whose rows depend on
# who asks, which the engine cannot scope per relationship yet. Until it can, it answers null.
CALLER_SCOPED = "caller-scoped-relationship"


def planned_relationships() -> list[Attachment]:
    return [
        planned(
            "event",
            **{name: ToMany(type_) for name, type_ in EVENT_MANY.items()},
            **{name: ToOne(type_) for name, type_ in EVENT_ONE.items()},
        ),
        planned(
            "user",
            **{name: ToMany(type_) for name, type_ in USER_MANY.items()},
            **{
                name: ToMany("event", planned="user-system-role")
                for name in USER_SYSTEM_ROLE_EVENTS
            },
        ),
        planned(
            "group",
            **{name: ToMany(type_) for name, type_ in GROUP_MANY.items()},
            follower=ToOne("user-follow-group", planned=CALLER_SCOPED),
        ),
    ]
