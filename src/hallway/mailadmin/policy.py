"""Who may use mail administration. The mail log and the message settings are the admins'
alone; e-mail preferences are their user's own (admins may read them)."""

from __future__ import annotations

from hallway.auth.policy import is_admin, is_self
from hallway.jsonapi import Policy, nobody

mail_policy = Policy(list=is_admin, view=is_admin)

message_setting_policy = Policy(list=is_admin, view=is_admin, update=is_admin)

own = is_self("user_id")

email_notification_policy = Policy(
    list=own | is_admin,
    view=own | is_admin,
    create=own,
    update=own,
    delete=own,
    relationships={"user": nobody, "event": own},
)
