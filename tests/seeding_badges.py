"""Statement-guard seeds of the badge resources: n events (as the event factory seeds them),
each with a badge form holding one field of its own."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hallway.badges.models import BadgeFieldForm, BadgeForm
from tests.seeding import Factory, _added, events


async def badge_forms(session: AsyncSession, n: int) -> None:
    rows = await events(session, n)
    forms = await _added(
        session,
        [BadgeForm(event_id=e.id, badge_id=f"badge-{e.identifier}", badge_fields=[]) for e in rows],
    )
    await _added(
        session,
        [
            BadgeFieldForm(
                badge_form_id=f.id, event_id=f.event_id, badge_id=f.badge_id, custom_field="Name"
            )
            for f in forms
        ],
    )


FACTORIES: dict[str, Factory] = {
    # Events with everything the event factory seeds, and a badge form each.
    "event": Factory(badge_forms, public=True),
    "badge-form": Factory(badge_forms, public=False),
    "badge-field-form": Factory(badge_forms, public=False),
}
