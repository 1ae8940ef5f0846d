"""Image budgets: an image is measured from its header and refused over budget before any
pixel is decoded (a decompression bomb costs the server next to nothing), while the photos
and banners events really use still pass."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from hallway.images import ImageBudget
from hallway.uploads import UploadOptions
from tests.uploads.conftest import configure
from tests.uploads.samples import (
    animation,
    data_url,
    gif_overflowing_its_screen,
    image_bytes,
    jpeg_with_scans,
    one_colour_png,
    stored,
    variant_sizes,
)

URL = "/v1/upload/image"


async def upload(client: AsyncClient, auth: dict[str, str], data: bytes) -> Response:
    return await client.post(URL, json={"data": data_url(data)}, headers=auth)


def error(response: Response) -> str:
    return str(response.json()["errors"][0]["detail"])


async def test_a_bomb_png_is_refused_from_its_header_in_milliseconds(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    bomb = one_colour_png(6300, 6300)  # 131 KB that decode to 119 MB (2 s of work)
    assert len(bomb) < 150_000

    started = time.perf_counter()
    response = await upload(client, auth, bomb)
    elapsed = time.perf_counter() - started

    assert response.status_code == 422, response.text
    assert error(response) == (
        "The image is 6300x6300 pixels; at most 30,000,000 pixels are accepted"
    )
    assert response.json()["errors"][0]["title"] == "Image too large"
    assert elapsed < 1.0, f"the refusal took {elapsed:.2f} s: was the image decoded?"
    assert stored(media_root) == []


async def test_a_gif_whose_frames_overflow_its_screen_is_measured_by_its_frames(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, gif_overflowing_its_screen(6000, 6000))

    assert response.status_code == 422, response.text
    assert "6000x6000 pixels; at most 30,000,000" in error(response)
    assert stored(media_root) == []


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
async def test_an_animation_over_the_frame_budget_is_refused(
    client: AsyncClient, auth: dict[str, str], media_root: Path, fmt: str
) -> None:
    response = await upload(client, auth, animation(fmt, 1, 1, frames=201))

    assert response.status_code == 422, response.text
    assert error(response) == "The animation has more than 200 frames; at most 200 are accepted"
    assert stored(media_root) == []


async def test_an_animation_over_the_total_pixel_budget_is_refused(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    frames = 3
    response = await upload(client, auth, gif_overflowing_its_screen(3000, 3000, frames))

    assert response.status_code == 422, response.text
    assert error(response) == (
        "The animation has 3 frames of 3000x3000 pixels (27,000,000 in all); "
        "at most 20,000,000 pixels in all are accepted"
    )
    assert stored(media_root) == []


async def test_a_jpeg_with_too_many_scans_is_refused(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await upload(client, auth, jpeg_with_scans(150))

    assert response.status_code == 422, response.text
    assert error(response) == "The JPEG has 150 scans; at most 100 are accepted"
    assert stored(media_root) == []


async def test_a_24_megapixel_camera_photo_is_accepted(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    photo = image_bytes(6000, 4000, "JPEG", quality=90)

    response = await upload(client, auth, photo)

    assert response.status_code == 200, response.text
    sizes = variant_sizes(response.json()["url"], media_root)
    assert sizes == {
        "original": (6000, 4000),
        "large": (1300, 867),
        "thumbnail": (500, 333),
        "icon": (75, 50),
    }


async def test_a_progressive_jpeg_and_an_animation_within_budget_are_accepted(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    jpeg = await upload(client, auth, image_bytes(800, 600, "JPEG", progressive=True))
    gif = await upload(client, auth, animation("GIF", 1300, 400, frames=30))

    assert jpeg.status_code == 200, jpeg.text
    assert gif.status_code == 200, gif.text
    assert variant_sizes(gif.json()["url"], media_root)["large"] == (1300, 400)


async def test_budgets_are_the_apps_options(
    app: FastAPI, client: AsyncClient, auth: dict[str, str], upload_options: UploadOptions
) -> None:
    budget = ImageBudget(max_pixels=10_000, max_frames=3, max_animation_pixels=40_000)
    configure(app, upload_options, budget=budget)

    over_pixels = await upload(client, auth, image_bytes(101, 100))
    four_frames = await upload(client, auth, animation("PNG", 10, 10, frames=4))
    three_frames = await upload(client, auth, animation("PNG", 10, 10, frames=3))

    assert (over_pixels.status_code, four_frames.status_code) == (422, 422)
    assert "at most 10,000 pixels" in error(over_pixels)
    assert "more than 3 frames" in error(four_frames)
    assert three_frames.status_code == 200, three_frames.text


async def test_an_image_sent_as_a_file_has_the_same_budget(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    files = [("file", ("banner.png", one_colour_png(6300, 6300), "image/png"))]
    response = await client.post("/v1/upload/files", files=files, headers=auth)

    assert response.status_code == 422, response.text
    assert "at most 30,000,000 pixels" in error(response)
    assert stored(media_root) == []
