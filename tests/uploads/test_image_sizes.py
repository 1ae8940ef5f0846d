"""`/v1/event-image-sizes` and `/v1/speaker-image-sizes`: anyone reads the sizes, only admins
change them, and the next upload is resized to the widths the admin set."""

from __future__ import annotations

from pathlib import Path

from httpx import AsyncClient

from hallway.db import Database
from hallway.uploads.sizes import EventImageSize
from tests.appfixtures import login, make_user
from tests.tickets.helpers import patch, stored
from tests.uploads.samples import data_url, image_bytes, variant_sizes

EVENT = "/v1/event-image-sizes"
SPEAKER = "/v1/speaker-image-sizes"


async def _admin(client: AsyncClient, db: Database) -> dict[str, str]:
    await make_user(db, "admin@example.com", is_admin=True)
    return {"Authorization": f"JWT {await login(client, 'admin@example.com')}"}


async def test_anyone_reads_the_seeded_sizes(client: AsyncClient) -> None:
    event = await client.get(EVENT)
    by_id = await client.get(f"{EVENT}/1")
    speaker = await client.get(SPEAKER)

    assert event.status_code == 200, event.text
    assert event.json()["data"]["id"] == "1" and by_id.json()["data"]["id"] == "1"
    attributes = event.json()["data"]["attributes"]
    assert (attributes["full-width"], attributes["thumbnail-width"], attributes["icon-width"]) == (
        1300,
        500,
        75,
    )
    assert attributes["type"] == "event-image"
    assert speaker.json()["data"]["id"] == "2"
    assert speaker.json()["data"]["attributes"]["small-size-width-height"] == 50


async def test_the_next_upload_is_resized_to_the_sizes_the_admin_set(
    client: AsyncClient, auth: dict[str, str], app_db: Database, media_root: Path
) -> None:
    admin = await _admin(client, app_db)
    changed = await client.patch(
        EVENT,
        json=patch("event-image-size", "1", full_width=800, thumbnail_width=240, icon_width=40),
        headers={**admin, "Content-Type": "application/vnd.api+json"},
    )
    upload = await client.post(
        "/v1/upload/image",
        json={"data": data_url(image_bytes(1600, 800), "image/png")},
        headers=auth,
    )

    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["attributes"]["thumbnail-width"] == 240
    assert upload.status_code == 200, upload.text
    sizes = variant_sizes(upload.json()["url"], media_root)
    assert (sizes["large"], sizes["thumbnail"], sizes["icon"]) == ((800, 400), (240, 120), (40, 20))
    assert (await stored(app_db, EventImageSize, 1)).icon_width == 40


async def test_only_admins_change_the_sizes(
    client: AsyncClient, auth: dict[str, str], app_db: Database
) -> None:
    admin = await _admin(client, app_db)
    headers = {"Content-Type": "application/vnd.api+json"}
    body = patch("speaker-image-size", "2", icon_size_width_height=10)

    anonymous = await client.patch(SPEAKER, json=body, headers=headers)
    user = await client.patch(SPEAKER, json=body, headers={**auth, **headers})
    deleted = await client.delete(EVENT, headers=admin)
    too_wide = await client.patch(
        EVENT, json=patch("event-image-size", "1", full_width=0), headers={**admin, **headers}
    )

    assert anonymous.status_code == 401
    assert user.status_code == 403
    assert deleted.status_code == 405
    assert too_wide.status_code == 422
    assert (await client.get(SPEAKER)).json()["data"]["attributes"]["icon-size-width-height"] == 35
    assert (await client.get(EVENT)).json()["data"]["attributes"]["full-width"] == 1300
