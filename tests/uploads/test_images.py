"""POST /v1/upload/image: a base64 data URL in, the URL of a clean, resized image out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from hallway.images import ImageBudget
from hallway.uploads import VARIANT_WIDTHS, UploadOptions, variants_for
from tests.uploads.conftest import BASE_URL, MAX_BYTES, configure
from tests.uploads.samples import (
    EXIF_MAKE,
    animated_gif,
    data_url,
    image_bytes,
    jpeg_with_exif,
    local_path,
    multi_picture_jpeg,
    open_stored,
    png_claiming,
    png_with_metadata,
    scaled,
    stored,
    variant_sizes,
    variants,
)

URL = "/v1/upload/image"
ORIGIN = f"{BASE_URL}/static/media/images/"


async def upload(
    client: AsyncClient, auth: dict[str, str], data: bytes, kind: str = "image/png"
) -> Response:
    return await client.post(URL, json={"data": data_url(data, kind)}, headers=auth)


def expected_sizes(size: tuple[int, int]) -> dict[str, tuple[int, int]]:
    return {"original": size} | {name: scaled(size, w) for name, w in VARIANT_WIDTHS.items()}


async def test_png_upload_stores_the_image_and_its_variants(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, image_bytes(2600, 1301))

    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.startswith(ORIGIN) and url.endswith(".png")
    assert variant_sizes(url, media_root) == expected_sizes((2600, 1301))
    assert variant_sizes(url, media_root)["icon"] == (75, 38)
    assert len(stored(media_root)) == 4
    assert open_stored(url, media_root).format == "PNG"


async def test_jpeg_upload_loses_its_exif_and_is_resized(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, jpeg_with_exif(1600, 1200), "image/jpeg")

    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.endswith(".jpg")
    assert variant_sizes(url, media_root) == expected_sizes((1600, 1200))
    for variant_url in variants(url).values():
        image = open_stored(variant_url, media_root)
        assert image.format == "JPEG"
        assert EXIF_MAKE not in image.getexif() and len(image.getexif()) == 0
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert b"Spycam" not in local_path(variant_url, media_root).read_bytes()


async def test_a_multi_picture_jpeg_is_stored_as_its_first_picture(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, multi_picture_jpeg(1600, 1200), "image/jpeg")

    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.endswith(".jpg")
    assert variant_sizes(url, media_root) == expected_sizes((1600, 1200))
    stored_image = open_stored(url, media_root)
    assert stored_image.format == "JPEG" and not getattr(stored_image, "is_animated", False)
    red, _, blue = stored_image.convert("RGB").getpixel((10, 10))
    assert red > 150 and blue < 60


async def test_png_text_and_colour_profile_are_dropped(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, png_with_metadata(1400, 30))

    for variant_url in variants(response.json()["url"]).values():
        raw = local_path(variant_url, media_root).read_bytes()
        assert b"Spycam" not in raw and b"iCCP" not in raw
        assert open_stored(variant_url, media_root).getpixel((0, 0)) == (200, 40, 40)


async def test_exif_orientation_is_applied_before_it_is_dropped(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, jpeg_with_exif(200, 100, orientation=6))

    assert open_stored(response.json()["url"], media_root).size == (100, 200)


async def test_small_image_is_never_upscaled(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, image_bytes(60, 40))

    sizes = variant_sizes(response.json()["url"], media_root)
    assert set(sizes.values()) == {(60, 40)}
    assert len(stored(media_root)) == 4


async def test_png_with_alpha_stays_a_transparent_png(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, image_bytes(1400, 700, mode="RGBA"))

    for variant_url in variants(response.json()["url"]).values():
        image = open_stored(variant_url, media_root)
        assert (image.format, image.mode) == ("PNG", "RGBA")
        assert image.getpixel((0, 0))[3] == 120


async def test_animated_gif_keeps_its_frames_in_every_variant(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, animated_gif(1400, 100, frames=3), "image/gif")

    assert response.status_code == 200, response.text
    variants = variants_for(response.json()["url"])
    assert variants is not None
    for name, variant_url in variants.items():
        image = open_stored(variant_url, media_root)
        assert (image.format, getattr(image, "n_frames", 1)) == ("GIF", 3), name
    assert open_stored(variants["large"], media_root).size == (1300, 93)


async def test_webp_is_accepted(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, image_bytes(800, 600, "WEBP"), "image/webp")

    url = response.json()["url"]
    assert url.endswith(".webp")
    assert variant_sizes(url, media_root)["thumbnail"] == (500, 375)


async def test_content_decides_the_type_not_the_declared_one(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, image_bytes(10, 10, "JPEG"), "image/png")

    assert response.json()["url"].endswith(".jpg")
    assert open_stored(response.json()["url"], media_root).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "status", "detail"),
    [
        (b"\x13\x37" * 500, 422, "not an image"),
        (image_bytes(10, 10, "BMP"), 415, "BMP images are not accepted"),
        (image_bytes(300, 300)[:200], 422, "damaged or truncated"),
        (png_claiming(7000, 7000), 422, "7000x7000 pixels"),
        (png_claiming(100_000, 100_000), 422, "at most 30,000,000 pixels"),
    ],
    ids=["random-bytes", "bmp", "truncated", "over-pixel-budget", "bomb"],
)
async def test_bad_images_are_refused_and_nothing_is_stored(
    client: AsyncClient,
    auth: dict[str, str],
    media_root: Path,
    data: bytes,
    status: int,
    detail: str,
) -> None:
    response = await upload(client, auth, data, "image/png")

    assert response.status_code == status, response.text
    assert detail in response.json()["errors"][0]["detail"]
    assert stored(media_root) == []


async def test_animation_over_the_pixel_budget_is_refused(
    app: FastAPI, client: AsyncClient, auth: dict[str, str], upload_options: UploadOptions
) -> None:
    configure(app, upload_options, budget=ImageBudget(max_animation_pixels=100_000))

    response = await upload(client, auth, animated_gif(200, 200, frames=3), "image/gif")

    assert response.status_code == 422
    detail = response.json()["errors"][0]["detail"]
    assert "3 frames of 200x200 pixels (120,000 in all)" in detail
    assert "at most 100,000 pixels in all" in detail


async def test_image_over_the_size_cap_is_413(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES))

    assert response.status_code == 413
    assert response.json()["errors"][0]["detail"] == "An upload may be at most 2 MB"
    assert stored(media_root) == []


async def test_declared_length_over_the_cap_is_413_before_reading(
    client: AsyncClient, auth: dict[str, str]
) -> None:
    headers = {**auth, "Content-Length": str(10 * MAX_BYTES), "Content-Type": "application/json"}
    response = await client.post(URL, content=b'{"data": ""}', headers=headers)

    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        (b"{not json", 400, "The body must be JSON"),
        (b"", 400, "The body must be JSON"),
        (b'["data"]', 422, "'data' must be a base64 data URL string"),
        (b'{"data": 42}', 422, "'data' must be a base64 data URL string"),
        (b'{"data": "aGVsbG8="}', 422, "must be a data URL"),
        (b'{"data": "data:image/png,hello"}', 422, "base64-encoded"),
        (b'{"data": "data:image/png;base64,@@@!"}', 422, "not valid base64"),
        (b'{"data": "data:image/png;base64,\\u00e9t\\u00e9"}', 422, "not valid base64"),
        (b'{"data": "data:image/png;base64,"}', 422, "The image is empty"),
    ],
    ids=[
        "malformed",
        "empty",
        "array",
        "number",
        "bare-base64",
        "not-base64",
        "bad-base64",
        "non-ascii",
        "no-payload",
    ],
)
async def test_malformed_bodies_are_clear_4xx(
    client: AsyncClient, auth: dict[str, str], body: bytes, status: int, detail: str
) -> None:
    headers = {**auth, "Content-Type": "application/json"}
    response = await client.post(URL, content=body, headers=headers)

    assert response.status_code == status, response.text
    assert detail in response.json()["errors"][0]["detail"]


async def test_anonymous_upload_is_401(client: AsyncClient, media_root: Path) -> None:
    response = await client.post(URL, json={"data": data_url(image_bytes(5, 5))})

    assert response.status_code == 401
    assert response.json() == {"error": "Missing Authorization Header"}
    assert stored(media_root) == []


async def test_garbage_token_is_401(client: AsyncClient, media_root: Path) -> None:
    headers = {"Authorization": "JWT not.a.token"}
    response = await client.post(URL, json={"data": data_url(image_bytes(5, 5))}, headers=headers)

    assert response.status_code == 401
    assert set(response.json()) == {"error"}
    assert stored(media_root) == []


async def test_stored_image_and_variants_are_served_at_their_urls(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    url = (await upload(client, auth, image_bytes(1400, 20))).json()["url"]

    for variant_url in variants(url).values():
        served = await client.get(variant_url)
        assert served.status_code == 200
        assert served.content == local_path(variant_url, media_root).read_bytes()
        assert served.headers["content-type"] == "image/png"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in served.headers["content-security-policy"]


async def test_missing_media_is_a_json_404(client: AsyncClient) -> None:
    response = await client.get("/static/media/images/00/nothing.png")

    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == 404


async def test_force_local_must_be_a_boolean(client: AsyncClient, auth: dict[str, str]) -> None:
    response = await client.post(
        URL + "?force_local=maybe", json={"data": data_url(image_bytes(5, 5))}, headers=auth
    )

    assert response.status_code == 400
    assert "force_local" in response.json()["errors"][0]["detail"]
