"""A badge's background image stored in the bucket uploads go to (here the one the settings
row names; moto's in-process S3) is read from that bucket by the print job; an image hosted
anywhere else is never fetched."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from tests.badges.helpers import attendees, badges, finished
from tests.badges.rendering import pixel
from tests.s3buckets import buckets
from tests.tickets.helpers import patch

REGION = "eu-west-1"
BUCKET = "badge-media"
PRINT = "/v1/badge-forms/print-badge-pdf"


@pytest.fixture
def s3() -> Iterator[Any]:
    with buckets(REGION, BUCKET) as client:
        yield client


async def _background(client, b, url: str) -> bytes:
    changed = await client.patch(
        f"/v1/badge-forms/{b.form['id']}",
        json=patch("badge-form", b.form["id"], badge_image_url=url),
        headers=b.jwt("owner"),
    )
    assert changed.status_code == 200, changed.text
    started = await client.get(f"{PRINT}?event_id={b.event_id}", headers=b.jwt("owner"))
    assert started.status_code == 200, started.text
    state = await finished(client, started.json()["task_url"])
    assert state["state"] == "SUCCESS", state
    url = state["result"]["download_url"]
    pdf = await client.get(url[url.index("/v1/") :], headers=b.jwt("owner"))
    assert pdf.status_code == 200, pdf.text
    return pdf.content


async def test_the_print_job_reads_the_background_from_the_bucket(client, app_db, s3):
    b = await badges(client, app_db)
    await attendees(client, b)
    place = {
        "storage-place": "s3",
        "aws-bucket-name": BUCKET,
        "aws-region": REGION,
        "aws-key": "key",
        "aws-secret": "secret",
    }
    body = {"data": {"type": "setting", "id": "1", "attributes": place}}
    changed = await client.patch("/v1/settings", json=body, headers=b.jwt("admin"))
    assert changed.status_code == 200, changed.text
    buffer = io.BytesIO()
    Image.new("RGB", (400, 600), (30, 40, 200)).save(buffer, format="PNG")
    image = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    uploaded = await client.post("/v1/upload/image", json={"data": image}, headers=b.jwt("owner"))
    assert uploaded.status_code == 200, uploaded.text
    url = uploaded.json()["url"]
    assert url.startswith(f"https://{BUCKET}.s3.{REGION}.amazonaws.com/images/")

    red, green, blue = pixel(await _background(client, b, url), 3, 3)[:3]
    assert blue > 150 and red < 80 and green < 80

    # The same path on a host that is not the bucket's: not fetched, no background.
    elsewhere = "https://images.example.org/" + url.split(".amazonaws.com/", 1)[1]
    red, green, blue = pixel(await _background(client, b, elsewhere), 3, 3)[:3]
    assert not (blue > 150 and red < 80 and green < 80)
