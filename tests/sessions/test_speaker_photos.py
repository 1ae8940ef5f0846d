"""A speaker's uploaded photo gives its sizes as an event's image does: the thumbnail and
small URLs name its 500 px variant, the icon URL its 75 px one."""

from __future__ import annotations

import base64
import io

from PIL import Image

from hallway.sessions.models import Speaker
from tests.sessions.helpers import program, speaker
from tests.tickets.helpers import stored


async def uploaded_photo(client, headers) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 90, 200)).save(buffer, format="PNG")
    data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    response = await client.post("/v1/upload/image", json={"data": data_url}, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["url"])


async def test_an_uploaded_photo_gives_the_speaker_its_sizes(client, app_db):
    c = await program(client, app_db)
    url = await uploaded_photo(client, c.headers("user"))

    made = await speaker(client, c, "user", photo_url=url)

    attributes = made["attributes"]
    assert attributes["thumbnail-image-url"] == url.replace(".png", "_thumbnail.png")
    assert attributes["small-image-url"] == url.replace(".png", "_thumbnail.png")
    assert attributes["icon-image-url"] == url.replace(".png", "_icon.png")
    icon = await client.get(attributes["icon-image-url"])
    assert icon.status_code == 200
    assert Image.open(io.BytesIO(icon.content)).width == 75


async def test_a_new_photo_replaces_the_sizes_and_an_external_one_stands_in_for_them(
    client, app_db
):
    c = await program(client, app_db)
    url = await uploaded_photo(client, c.headers("user"))
    made = await speaker(client, c, "user", photo_url=url)

    external = await client.patch(
        f"/v1/speakers/{made['id']}",
        json={
            "data": {
                "type": "speaker",
                "id": made["id"],
                "attributes": {"photo-url": "https://cdn.example/ada.jpg"},
            }
        },
        headers=c.headers("user"),
    )
    renamed = await client.patch(
        f"/v1/speakers/{made['id']}",
        json={"data": {"type": "speaker", "id": made["id"], "attributes": {"name": "Ada L."}}},
        headers=c.headers("user"),
    )

    assert external.status_code == 200, external.text
    assert renamed.status_code == 200, renamed.text
    kept = await stored(app_db, Speaker, made["id"])
    assert kept.thumbnail_image_url == kept.small_image_url == "https://cdn.example/ada.jpg"
    assert kept.icon_image_url == "https://cdn.example/ada.jpg"


async def test_sizes_follow_the_photo_not_what_a_client_sends(client, app_db):
    c = await program(client, app_db)
    url = await uploaded_photo(client, c.headers("user"))

    made = await speaker(
        client, c, "user", photo_url=url, icon_image_url="https://elsewhere.example/x.png"
    )

    assert made["attributes"]["icon-image-url"] == url.replace(".png", "_icon.png")
