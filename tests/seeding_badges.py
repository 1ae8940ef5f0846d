"""Statement-guard seeds of the badge resources: every seeded event has a badge form holding
one field of its own (`tests.seeding.badge_catalogue`)."""

from __future__ import annotations

from tests.seeding import Factory, with_events

FACTORIES: dict[str, Factory] = {
    "badge-form": Factory(with_events, public=False),
    "badge-field-form": Factory(with_events, public=False),
}
