"""An export made with its media imports with it: each `media/` file is stored again through
the uploads storage and the new event's URLs point at the copies, which are served. A media
file with a bad name, over the upload limit, of no media kind, or not the image its name
says refuses the import (422) and nothing is made or stored."""

from __future__ import annotations

import base64
import io
import json
import random
import zipfile
from typing import Any

import pytest

from hallway.config import Settings
from tests.appfixtures import MEDIA_ROOT
from tests.exports.helpers import finished, imported, make_zip
from tests.exports.test_import import _events
from tests.sessions.helpers import program
from tests.uploads.samples import image_bytes

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MAX_BYTES = 200_000


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"upload_max_bytes": MAX_BYTES})


def _read(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The JSON files and the media files of an export."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        files = {n[:-5]: json.loads(archive.read(n)) for n in names if n.endswith(".json")}
        media = {n: archive.read(n) for n in names if n.startswith("media/")}
    return files, media


async def _export_with_image(client, c) -> bytes:
    logo = image_bytes(1400, 700)
    data_url = "data:image/png;base64," + base64.b64encode(logo).decode()
    uploaded = await client.post(
        "/v1/upload/image", json={"data": data_url}, headers=c.headers("owner")
    )
    assert uploaded.status_code == 200, uploaded.text
    body = {"data": {"type": "event", "id": c.event_id,
                     "attributes": {"original-image-url": uploaded.json()["url"]}}}  # fmt: skip
    patched = await client.patch(f"/v1/events/{c.event_id}", json=body, headers=c.headers("owner"))
    assert patched.status_code == 200, patched.text
    started = await client.post(
        f"/v1/events/{c.event_id}/export/json", json={"image": True}, headers=c.headers("owner")
    )
    status = await finished(client, started.json()["task_url"], c.headers("owner"))
    return (await client.get(status["result"]["download_url"])).content


def _stored_imports() -> int:
    return (
        sum(1 for path in (MEDIA_ROOT / "imports").rglob("*") if path.is_file())
        if (MEDIA_ROOT / "imports").exists()
        else 0
    )


async def test_an_export_with_media_imports_with_copies_of_its_images(client, app_db):
    c = await program(client, app_db)
    data = await _export_with_image(client, c)
    files, media = _read(data)
    old_url = files["event"]["original_image_url"]
    assert f"media/{old_url.split('/static/media/', 1)[1]}" in media

    started = await imported(client, data, c.headers("user"))
    status = await finished(client, started.json()["task_url"], c.headers("user"))

    assert status["state"] == "SUCCESS", status
    shown = await client.get(f"/v1/events/{status['result']['id']}", headers=c.headers("user"))
    attributes = shown.json()["data"]["attributes"]
    new_url = attributes["original-image-url"]
    assert new_url != old_url and "/static/media/imports/" in new_url
    served = await client.get(new_url)
    assert served.status_code == 200
    assert served.content == media[f"media/{old_url.split('/static/media/', 1)[1]}"]
    thumbnail = attributes["thumbnail-image-url"]
    assert "/static/media/imports/" in thumbnail
    assert (await client.get(thumbnail)).status_code == 200


async def test_hostile_media_refuse_the_import_and_store_nothing(client, app_db):
    c = await program(client, app_db)
    files, _ = _read(await _export_with_image(client, c))
    events, stored = await _events(app_db), _stored_imports()
    png = image_bytes(20, 20)
    cases = {
        "media/.hidden/x.png": png,
        "media/images/a b.png": png,
        "media/tool.exe": b"MZ" + b"\0" * 100,
        "media/images/ab/fake.png": PDF,
        "media/files/ab/slides.pdf": png,
        "media/images/ab/huge.png": random.Random(1).randbytes(MAX_BYTES + 1),
    }
    for name, content in cases.items():
        response = await imported(client, make_zip(files, raw={name: content}), c.headers("user"))

        assert response.status_code == 422, (name, response.text)
        error = response.json()["errors"][0]
        assert error["source"]["pointer"] == "/file" and name in error["detail"], error
    assert await _events(app_db) == events
    assert _stored_imports() == stored
