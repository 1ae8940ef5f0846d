"""The S3 backend against moto's in-process S3 (offline), and its URL building."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from hallway.uploads import S3Options, UploadOptions, Uploads
from hallway.uploads.s3 import CACHE_CONTROL, S3Storage
from tests.s3buckets import buckets
from tests.uploads.conftest import BASE_URL
from tests.uploads.samples import PDF, data_url, image_bytes, stored, variants

BUCKET, REGION = "hallway-media", "eu-west-1"
OPTIONS = S3Options(BUCKET, REGION, access_key_id="test", secret_access_key="test")


@pytest.fixture
def s3() -> Iterator[Any]:
    with buckets(REGION, BUCKET) as client:
        yield client


@pytest.fixture
def s3_app(app: FastAPI, s3: Any, upload_options: UploadOptions) -> FastAPI:
    app.state.uploads = Uploads.build(dataclasses.replace(upload_options, s3=OPTIONS))
    return app


def keys(s3: Any) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.parametrize(
    ("options", "url"),
    [
        (OPTIONS, f"https://{BUCKET}.s3.{REGION}.amazonaws.com/images/ab/x.png"),
        (S3Options(BUCKET), f"https://{BUCKET}.s3.amazonaws.com/images/ab/x.png"),
        (
            S3Options(BUCKET, endpoint_url="http://minio:9000/"),
            f"http://minio:9000/{BUCKET}/images/ab/x.png",
        ),
        (
            S3Options(BUCKET, REGION, public_url="https://cdn.example.org/m/"),
            "https://cdn.example.org/m/images/ab/x.png",
        ),
    ],
    ids=["aws-region", "aws-default", "custom-endpoint", "public-url"],
)
def test_object_urls(options: S3Options, url: str) -> None:
    assert S3Storage(options).url("images/ab/x.png", "http://ignored") == url


def test_put_request_names_bucket_key_type_and_caching() -> None:
    request = S3Storage(OPTIONS).put_request("files/k/a.pdf", PDF, "application/pdf")

    assert request == {
        "Bucket": BUCKET,
        "Key": "files/k/a.pdf",
        "Body": PDF,
        "ContentType": "application/pdf",
        "CacheControl": CACHE_CONTROL,
    }


async def test_save_puts_the_object(s3: Any) -> None:
    await S3Storage(OPTIONS).save("files/k/a.pdf", PDF, "application/pdf")

    stored_object = s3.get_object(Bucket=BUCKET, Key="files/k/a.pdf")
    assert stored_object["Body"].read() == PDF
    assert stored_object["ContentType"] == "application/pdf"
    assert stored_object["CacheControl"] == CACHE_CONTROL


async def test_image_upload_goes_to_the_bucket(
    s3_app: FastAPI, s3: Any, client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    body = {"data": data_url(image_bytes(1400, 700))}
    response = await client.post("/v1/upload/image", json=body, headers=auth)

    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.startswith(f"https://{BUCKET}.s3.{REGION}.amazonaws.com/images/")
    prefix = f"https://{BUCKET}.s3.{REGION}.amazonaws.com/"
    assert keys(s3) == sorted(u.removeprefix(prefix) for u in variants(url).values())
    assert stored(media_root) == []


async def test_force_local_keeps_the_file_off_the_bucket(
    s3_app: FastAPI, s3: Any, client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await client.post(
        "/v1/upload/files?force_local=true",
        files=[("file", ("a.pdf", PDF, "application/pdf"))],
        headers=auth,
    )

    assert response.status_code == 200, response.text
    assert response.json()["url"].startswith(f"{BASE_URL}/static/media/files/")
    assert keys(s3) == []
    assert len(stored(media_root)) == 1


async def test_unreachable_bucket_is_503(
    app: FastAPI, s3: Any, client: AsyncClient, auth: dict[str, str], upload_options: UploadOptions
) -> None:
    missing = dataclasses.replace(OPTIONS, bucket="no-such-bucket")
    app.state.uploads = Uploads.build(dataclasses.replace(upload_options, s3=missing))

    response = await client.post(
        "/v1/upload/files", files=[("file", ("a.pdf", PDF, "application/pdf"))], headers=auth
    )

    assert response.status_code == 503
    assert response.json()["errors"][0]["detail"] == "The file could not be stored"
