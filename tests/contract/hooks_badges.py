"""Setup hooks for the Badge Forms and Image Size groups: an owner's ticket whose badge form
has two fields; an admin reads and changes the image sizes."""

from __future__ import annotations

from tests.contract.hooks_tickets import _selling_event, _ticket
from tests.contract.scene import Plan, Scene, hook

BADGE_ID = "contract-badge"
FIELDS = [
    {"badge_id": BADGE_ID, "custom_field": "Name", "field_identifier": "name"},
    {"badge_id": BADGE_ID, "custom_field": "QR", "field_identifier": "qr"},
]


@hook("Badge Forms::Get Badge Form By Ticket")
async def a_ticket_with_a_badge_form(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event, type="free", price="0", **{"badge-id": BADGE_ID})
    await scene.create(
        owner.token, "/v1/badge-forms", "badge-form", {"event": ("event", event["id"])},
        **{"badge-id": BADGE_ID, "badge-fields": FIELDS},
    )  # fmt: skip
    return Plan(token=owner.token, params={"ticket_id": ticket["id"]})


@hook("Image Size::Get Event Image Size Details", requires=("event-image-size",))
@hook("Image Size::Update Event Image Size", requires=("event-image-size",))
@hook("Image Size::Get Speaker Image Size Details", requires=("speaker-image-size",))
@hook("Image Size::Update Speaker Image Size", requires=("speaker-image-size",))
async def an_admin_and_the_image_sizes(scene: Scene) -> Plan:
    return Plan(
        token=(await scene.admin()).token,
        ids={"event-image-size": "1", "speaker-image-size": "2"},
    )
