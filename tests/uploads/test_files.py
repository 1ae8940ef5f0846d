"""POST /v1/upload/files: multipart `file` or `files[]`; the type is decided by content."""

from __future__ import annotations

from pathlib import Path

import pytest
from httpx import AsyncClient, Response

from tests.uploads.conftest import BASE_URL, MAX_BYTES
from tests.uploads.samples import (
    EXIF_MAKE,
    PDF,
    docx_bytes,
    files_under,
    jpeg_with_exif,
    local_path,
    open_stored,
    stored,
    variant_sizes,
    zip_bytes,
)

URL = "/v1/upload/files"
FILES_ORIGIN = f"{BASE_URL}/static/media/files/"
Upload = tuple[str, tuple[str, bytes, str]]
ONLY_A_FIELD = b'--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nhi\r\n--x--\r\n'


async def send(client: AsyncClient, auth: dict[str, str], *files: Upload) -> Response:
    return await client.post(URL, files=list(files), headers=auth)


async def test_one_file_answers_one_url_and_is_stored(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await send(client, auth, ("file", ("Annual Report.pdf", PDF, "application/pdf")))

    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.startswith(FILES_ORIGIN) and url.endswith("/Annual-Report.pdf")
    assert local_path(url, media_root).read_bytes() == PDF
    assert stored(media_root) == [local_path(url, media_root)]


@pytest.mark.parametrize("field", ["files[]", "files"])
async def test_several_files_answer_a_list_of_urls(
    client: AsyncClient, auth: dict[str, str], media_root: Path, field: str
) -> None:
    response = await send(
        client,
        auth,
        (field, ("a.pdf", PDF, "application/pdf")),
        (field, ("notes.csv", b"name,room\nKeynote,A\n", "text/csv")),
    )

    assert response.status_code == 200, response.text
    urls = response.json()["url"]
    assert [u.rsplit("/", 1)[-1] for u in urls] == ["a.pdf", "notes.csv"]
    assert local_path(urls[1], media_root).read_bytes() == b"name,room\nKeynote,A\n"


@pytest.mark.parametrize(
    "filename", ["../../../etc/passwd.pdf", "..\\..\\evil.pdf", "/abs/x.pdf", "....pdf", ".."]
)
async def test_path_traversal_in_names_is_neutralised(
    client: AsyncClient, auth: dict[str, str], media_root: Path, tmp_path: Path, filename: str
) -> None:
    response = await send(client, auth, ("file", (filename, PDF, "application/pdf")))

    assert response.status_code == 200, response.text
    path = local_path(response.json()["url"], media_root)
    assert path.parent.parent == media_root / "files" and ".." not in path.name
    assert files_under(tmp_path) == files_under(media_root / "files") == [path.resolve()]


@pytest.mark.parametrize(
    ("name", "content", "ending"),
    [
        ("talk.docx", docx_bytes(), "/talk.docx"),
        ("talk.bin", docx_bytes(), "/talk.docx"),
        ("bundle.zip", zip_bytes(), "/bundle.zip"),
        ("readme", "Grüße\nfrom the venue\n".encode(), "/readme.txt"),
        ("agenda.exe", b"plain words", "/agenda.txt"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "/old.doc"),
    ],
    ids=["docx", "docx-misnamed", "zip", "text", "text-misnamed", "legacy-office"],
)
async def test_allowed_kinds_are_named_by_content(
    client: AsyncClient, auth: dict[str, str], name: str, content: bytes, ending: str
) -> None:
    response = await send(client, auth, ("file", (name, content, "application/octet-stream")))

    assert response.status_code == 200, response.text
    assert response.json()["url"].endswith(ending)


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("page.html", b"<!DOCTYPE html><p>hi</p>", "text/plain"),
        ("notes.txt", b"hello <script>alert(1)</script>", "text/plain"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "image/svg+xml",
        ),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100), "application/pdf"),
        ("tool", b"\x7fELF\x02\x01\x01" + bytes(100), "application/octet-stream"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "text/plain"),
        ("setup.msi", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "application/x-msi"),
        ("photo.png", bytes(range(256)) * 4, "image/png"),
        ("broken.zip", b"PK\x03\x04garbage", "application/zip"),
    ],
    ids=["html", "script", "svg", "exe", "elf", "shebang", "msi", "random-png", "bad-zip"],
)
async def test_refused_kinds_are_415_and_nothing_is_stored(
    client: AsyncClient,
    auth: dict[str, str],
    media_root: Path,
    name: str,
    content: bytes,
    declared: str,
) -> None:
    response = await send(client, auth, ("file", (name, content, declared)))

    assert response.status_code == 415, response.text
    assert response.json()["errors"][0]["status"] == 415
    assert stored(media_root) == []


async def test_image_sent_as_a_file_is_cleaned_and_resized(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await send(client, auth, ("file", ("me.png", jpeg_with_exif(1500, 500), "x/y")))

    url = response.json()["url"]
    assert url.startswith(f"{BASE_URL}/static/media/images/") and url.endswith(".jpg")
    assert variant_sizes(url, media_root)["large"] == (1300, 433)
    assert EXIF_MAKE not in open_stored(url, media_root).getexif()


async def test_png_signature_with_garbage_is_422(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    garbage = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    response = await send(client, auth, ("file", ("x.png", garbage, "image/png")))

    assert response.status_code == 422
    assert stored(media_root) == []


async def test_one_bad_file_stores_none_of_the_others(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    response = await send(
        client,
        auth,
        ("files[]", ("a.pdf", PDF, "application/pdf")),
        ("files[]", ("b.html", b"<html></html>", "text/html")),
    )

    assert response.status_code == 415
    assert stored(media_root) == []


async def test_empty_file_is_422(client: AsyncClient, auth: dict[str, str]) -> None:
    response = await send(client, auth, ("file", ("empty.pdf", b"", "application/pdf")))

    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"] == "The file 'empty.pdf' is empty"


async def test_file_over_the_cap_is_413(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    big = PDF + bytes(MAX_BYTES)
    response = await send(client, auth, ("file", ("big.pdf", big, "application/pdf")))

    assert response.status_code == 413
    assert "larger than 2 MB" in response.json()["errors"][0]["detail"]
    assert stored(media_root) == []


async def test_more_files_than_allowed_is_413(client: AsyncClient, auth: dict[str, str]) -> None:
    pdf = ("files[]", ("a.pdf", PDF, "application/pdf"))
    response = await send(client, auth, pdf, pdf, pdf, pdf)

    assert response.status_code == 413
    assert response.json()["errors"][0]["detail"] == "At most 3 files may be sent at once"


@pytest.mark.parametrize(
    ("files", "detail"),
    [
        ([("other", ("a.pdf", PDF, "application/pdf"))], "No file"),
        (
            [("file", ("a.pdf", PDF, "x/y")), ("files[]", ("b.pdf", PDF, "x/y"))],
            "not both",
        ),
        ([("file", ("a.pdf", PDF, "x/y")), ("file", ("b.pdf", PDF, "x/y"))], "takes one file"),
    ],
    ids=["wrong-field", "both-fields", "two-singles"],
)
async def test_wrong_fields_are_400(
    client: AsyncClient, auth: dict[str, str], files: list[Upload], detail: str
) -> None:
    response = await client.post(URL, files=files, data={"note": "x"}, headers=auth)

    assert response.status_code == 400, response.text
    assert detail in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b'{"file": "x"}', 415),
        ("multipart/form-data", b"--x\r\n", 400),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data", 400),
        ("multipart/form-data; boundary=x", b"--x\r\nX: y\r\n\r\nhello\r\n--x--\r\n", 400),
        ("multipart/form-data; boundary=x", b"garbage\r\n--y--", 400),
        ("multipart/form-data; boundary=x", ONLY_A_FIELD, 400),
    ],
    ids=["json", "no-boundary", "truncated", "no-disposition", "wrong-boundary", "only-fields"],
)
async def test_malformed_multipart_is_a_clear_4xx(
    client: AsyncClient, auth: dict[str, str], content_type: str, body: bytes, status: int
) -> None:
    headers = {**auth, "Content-Type": content_type}
    response = await client.post(URL, content=body, headers=headers)

    assert response.status_code == status, response.text
    assert response.json()["errors"][0]["status"] == status


async def test_anonymous_file_upload_is_401(client: AsyncClient, media_root: Path) -> None:
    response = await client.post(URL, files=[("file", ("a.pdf", PDF, "application/pdf"))])

    assert response.status_code == 401
    assert response.json() == {"error": "Missing Authorization Header"}
    assert stored(media_root) == []


async def test_stored_file_is_served_as_its_type(client: AsyncClient, auth: dict[str, str]) -> None:
    url = (await send(client, auth, ("file", ("a.pdf", PDF, "text/html")))).json()["url"]

    served = await client.get(url)
    assert served.status_code == 200 and served.content == PDF
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["x-content-type-options"] == "nosniff"
