"""The speaker image sizes the admin sets drive a speaker's photo: once the speaker is saved,
a job crops the uploaded photo into squares of the small, thumbnail and icon sizes and the
speaker's URLs name them. A photo hosted elsewhere is left as it is."""

from __future__ import annotations

import io

from PIL import Image

from hallway.sessions.models import Speaker
from tests.appfixtures import jwt, settle
from tests.sessions.helpers import program, speaker
from tests.sessions.test_speaker_photos import uploaded_photo
from tests.tickets.helpers import patch, stored

SIZES = "/v1/speaker-image-sizes/2"
JSONAPI = "application/vnd.api+json"


async def _size_of(client, url: str) -> tuple[int, int]:
    response = await client.get(url)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(response.content)).size


async def test_a_speakers_photo_is_cut_to_the_speaker_sizes_the_admin_set(client, app_db):
    c = await program(client, app_db)
    changed = await client.patch(
        SIZES,
        json=patch("speaker-image-size", "2", **{"small-size-width-height": 120,
                                                  "icon-size-width-height": 40}),
        headers=jwt(c.tokens["admin"]),
    )  # fmt: skip
    assert changed.status_code == 200, changed.text
    url = await uploaded_photo(client, c.headers("user"))

    made = await speaker(client, c, "user", photo_url=url)
    await settle()

    kept = await stored(app_db, Speaker, made["id"])
    assert kept.photo_url == url
    assert "_speaker_small_120" in kept.small_image_url
    assert await _size_of(client, kept.small_image_url) == (120, 120)
    assert await _size_of(client, kept.icon_image_url) == (40, 40)
    assert await _size_of(client, kept.thumbnail_image_url) == (500, 500)
    shown = await client.get(f"/v1/speakers/{made['id']}", headers=c.headers("user"))
    assert shown.json()["data"]["attributes"]["icon-image-url"] == kept.icon_image_url


async def test_only_admins_change_the_speaker_sizes_and_an_external_photo_stays(client, app_db):
    c = await program(client, app_db)
    body = patch("speaker-image-size", "2", **{"icon-size-width-height": 10})
    anonymous = await client.patch(SIZES, json=body, headers={"Content-Type": JSONAPI})
    assert anonymous.status_code == 401
    for who in ("owner", "user"):
        assert (await client.patch(SIZES, json=body, headers=c.headers(who))).status_code == 403

    made = await speaker(client, c, "user", photo_url="https://cdn.example/ada.jpg")
    await settle()

    kept = await stored(app_db, Speaker, made["id"])
    assert kept.icon_image_url == kept.small_image_url == "https://cdn.example/ada.jpg"
