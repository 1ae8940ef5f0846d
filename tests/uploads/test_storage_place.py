"""The settings row chooses where the next upload goes (`storage-place` and the bucket
fields), changed through `PATCH /v1/settings` without a restart; the environment stays the
default. S3 is moto's in-process S3."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from hallway.db import Database
from hallway.uploads import S3Options, UploadOptions, Uploads
from hallway.uploads.place import GCS_ENDPOINT, LOCAL, chosen_place
from tests.appfixtures import jwt, login, make_user
from tests.s3buckets import buckets
from tests.uploads.conftest import BASE_URL
from tests.uploads.samples import PDF, stored

REGION = "eu-west-1"
ENV_BUCKET, ADMIN_BUCKET = "env-media", "admin-media"
ENV_S3 = S3Options(ENV_BUCKET, REGION, access_key_id="env", secret_access_key="env")
ADMIN_S3 = {
    "storage-place": "s3",
    "aws-bucket-name": ADMIN_BUCKET,
    "aws-region": REGION,
    "aws-key": "admin-key",
    "aws-secret": "admin-secret",
}


@pytest.fixture
def s3() -> Iterator[Any]:
    with buckets(REGION, ENV_BUCKET, ADMIN_BUCKET) as client:
        yield client


def keys(s3: Any, bucket: str) -> list[str]:
    listing = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return sorted(item["Key"] for item in listing)


async def admin(client: AsyncClient, app_db: Database) -> dict[str, str]:
    await make_user(app_db, "root@example.com", is_admin=True)
    return jwt(await login(client, "root@example.com"))


async def change_settings(client: AsyncClient, headers: dict[str, str], **attributes: Any) -> int:
    body = {"data": {"type": "setting", "id": "1", "attributes": attributes}}
    response = await client.patch("/v1/settings", headers=headers, json=body)
    return response.status_code


async def upload(client: AsyncClient, auth: dict[str, str], query: str = "") -> str:
    response = await client.post(
        f"/v1/upload/files{query}",
        files=[("file", ("a.pdf", PDF, "application/pdf"))],
        headers=auth,
    )
    assert response.status_code == 200, response.text
    url: str = response.json()["url"]
    return url


async def test_an_admin_moves_uploads_to_a_bucket_and_back_without_a_restart(
    app: FastAPI,
    s3: Any,
    client: AsyncClient,
    auth: dict[str, str],
    media_root: Path,
    app_db: Database,
) -> None:
    root = await admin(client, app_db)
    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")
    assert len(stored(media_root)) == 1

    assert await change_settings(client, root, **ADMIN_S3) == 200
    url = await upload(client, auth)

    prefix = f"https://{ADMIN_BUCKET}.s3.{REGION}.amazonaws.com/"
    assert url.startswith(prefix)
    assert keys(s3, ADMIN_BUCKET) == [url.removeprefix(prefix)]
    assert s3.get_object(Bucket=ADMIN_BUCKET, Key=url.removeprefix(prefix))["Body"].read() == PDF
    assert len(stored(media_root)) == 1

    assert await change_settings(client, root, **{"storage-place": "local"}) == 200
    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")
    assert len(stored(media_root)) == 2
    assert len(keys(s3, ADMIN_BUCKET)) == 1


async def test_the_row_overrides_the_environments_bucket_and_local_wins_over_it(
    app: FastAPI,
    s3: Any,
    client: AsyncClient,
    auth: dict[str, str],
    media_root: Path,
    app_db: Database,
    upload_options: UploadOptions,
) -> None:
    app.state.uploads = Uploads.build(dataclasses.replace(upload_options, s3=ENV_S3))
    root = await admin(client, app_db)
    assert (await upload(client, auth)).startswith(f"https://{ENV_BUCKET}.s3.{REGION}.")

    assert await change_settings(client, root, **{"storage-place": "local"}) == 200
    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")

    assert await change_settings(client, root, **ADMIN_S3) == 200
    assert (await upload(client, auth)).startswith(f"https://{ADMIN_BUCKET}.s3.{REGION}.")
    assert (await upload(client, auth, "?force_local=true")).startswith(BASE_URL)

    assert (len(keys(s3, ENV_BUCKET)), len(keys(s3, ADMIN_BUCKET))) == (1, 1)
    assert len(stored(media_root)) == 2


async def test_s3_without_any_bucket_keeps_the_environments_default(
    app: FastAPI, s3: Any, client: AsyncClient, auth: dict[str, str], app_db: Database
) -> None:
    root = await admin(client, app_db)

    assert await change_settings(client, root, **{"storage-place": "s3"}) == 200

    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")
    assert keys(s3, ADMIN_BUCKET) == keys(s3, ENV_BUCKET) == []


async def test_others_may_not_move_the_uploads(
    app: FastAPI,
    s3: Any,
    client: AsyncClient,
    auth: dict[str, str],
    media_root: Path,
    app_db: Database,
) -> None:
    await make_user(app_db, "ann@example.com")
    plain = jwt(await login(client, "ann@example.com"))
    anonymous = {"Content-Type": plain["Content-Type"]}

    assert await change_settings(client, plain, **ADMIN_S3) == 403
    assert await change_settings(client, anonymous, **ADMIN_S3) == 401
    assert await change_settings(client, plain, **{"storage-place": "ftp"}) == 403

    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")
    assert keys(s3, ADMIN_BUCKET) == []


async def test_an_unknown_place_is_refused_and_nothing_changes(
    app: FastAPI, client: AsyncClient, auth: dict[str, str], app_db: Database
) -> None:
    root = await admin(client, app_db)

    assert await change_settings(client, root, **{"storage-place": "ftp"}) == 422

    assert (await upload(client, auth)).startswith(f"{BASE_URL}/static/media/files/")


@pytest.mark.parametrize(
    ("row", "default", "place"),
    [
        ({}, ENV_S3, None),
        ({"storage_place": "local"}, ENV_S3, LOCAL),
        (
            {"storage_place": "s3", "aws_region": "us-east-2"},
            ENV_S3,
            dataclasses.replace(ENV_S3, region="us-east-2"),
        ),
        (
            {"storage_place": "s3", "aws_bucket_name": "b"},
            dataclasses.replace(ENV_S3, public_url="https://cdn.example/"),
            dataclasses.replace(ENV_S3, bucket="b"),
        ),
        ({"storage_place": "gs"}, None, None),
        (
            {"storage_place": "gs", "gs_bucket_name": "g", "gs_key": "k", "gs_secret": "s"},
            None,
            S3Options("g", "auto", GCS_ENDPOINT, "k", "s"),
        ),
    ],
    ids=["empty-row", "local", "s3-region-only", "s3-other-bucket", "gs-no-bucket", "gs"],
)
def test_the_place_a_row_names(row: dict[str, Any], default: S3Options | None, place: Any) -> None:
    assert chosen_place(row, default) == place
