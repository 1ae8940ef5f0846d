"""Starting a data job over HTTP and waiting for its end."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from httpx import AsyncClient

from tests.appfixtures import settle


async def finished(client: AsyncClient, task_url: str, headers: dict[str, str]) -> dict[str, Any]:
    """The job's last state, once after-commit work and jobs have ended."""
    await settle()
    response = await client.get(task_url, headers=headers)
    assert response.status_code == 200, response.text
    status: dict[str, Any] = response.json()
    return status


async def exported(client: AsyncClient, event: str, headers: dict[str, str]) -> bytes:
    started = await client.post(f"/v1/events/{event}/export/json", json={}, headers=headers)
    assert started.status_code == 200, started.text
    status = await finished(client, started.json()["task_url"], headers)
    assert status["state"] == "SUCCESS", status
    download = await client.get(status["result"]["download_url"], headers=headers)
    assert download.status_code == 200, download.text
    return download.content


def unzip(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.removesuffix(".json"): json.loads(archive.read(name))
            for name in archive.namelist()
        }


def make_zip(files: dict[str, Any], *, raw: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{name}.json", json.dumps(content))
        for name, data in (raw or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


async def imported(client: AsyncClient, data: bytes, headers: dict[str, str]) -> Any:
    files = {"file": ("event.zip", data, "application/zip")}
    auth = {name: value for name, value in headers.items() if name.lower() != "content-type"}
    return await client.post("/v1/events/import/json", files=files, headers=auth)
