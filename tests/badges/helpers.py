"""An event on sale with a badge form on its free ticket, attendees sold through the API, and
the print job run to its end through `/v1/tasks/{id}`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient

from hallway.db import Database
from tests.orders.helpers import Shop, shop, sold
from tests.program.helpers import body
from tests.tickets.helpers import patch

BADGE_ID = "b4d9e-main"
NAME_FIELD = {
    "badge_id": BADGE_ID,
    "field_identifier": "name",
    "custom_field": "Name",
    "sample_text": "Sample Name",
    "font_size": 24,
    "font_name": "Arial",
    "font_color": "#112233",
    "font_weight": [{"name": "Bold", "font_weight": "bold"}],
    "text_alignment": "center",
    "text_rotation": 0,
    "margin_top": 20,
    "margin_bottom": 5,
    "margin_left": 0,
    "margin_right": 0,
    "is_deleted": False,
}
QR_FIELD = {
    "badge_id": BADGE_ID,
    "field_identifier": "qr",
    "custom_field": "QR",
    "text_alignment": "center",
    "margin_top": 5,
    "is_deleted": False,
}
FORM = {
    "badge-id": BADGE_ID,
    "badge-size": "4 x 6 inch (101.6 x 152.4 mm)",
    "badge-orientation": "Portrait",
    "badge-color": "#ffffff",
    "badge-fields": [NAME_FIELD, QR_FIELD],
}


@dataclass
class Badges:
    s: Shop
    form: dict[str, Any]

    def jwt(self, who: str) -> dict[str, str]:
        return self.s.jwt(who)

    @property
    def event_id(self) -> str:
        return str(self.s.c.event["id"])


async def create_form(client: AsyncClient, s: Shop, who: str = "owner", **attributes: Any) -> Any:
    return await client.post(
        "/v1/badge-forms",
        json=body("badge-form", {**FORM, **attributes}, event=("event", s.c.event["id"])),
        headers=s.jwt(who),
    )


async def badges(client: AsyncClient, db: Database) -> Badges:
    s = await shop(client, db)
    made = await create_form(client, s)
    assert made.status_code == 201, made.text
    ticket = await client.patch(
        f"/v1/tickets/{s.free['id']}",
        json=patch("ticket", s.free["id"], badge_id=BADGE_ID),
        headers=s.jwt("owner"),
    )
    assert ticket.status_code == 200, ticket.text
    return Badges(s, made.json()["data"])


async def attendees(client: AsyncClient, b: Badges, quantity: int = 1) -> list[dict[str, Any]]:
    _, sold_ones = await sold(client, b.s, quantity=quantity)
    return sold_ones


async def finished(client: AsyncClient, task_url: str) -> dict[str, Any]:
    """Poll the task until it ends; its final state."""
    async with asyncio.timeout(60):
        while True:
            state = (await client.get(task_url)).json()
            if state["state"] in ("SUCCESS", "FAILURE"):
                return state  # type: ignore[no-any-return]
            await asyncio.sleep(0.05)
