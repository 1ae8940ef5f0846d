"""The media of an imported export: each `media/<key>` file of the zip (see media.py) is
checked (a plain relative name, a kind of media the export carries, within the upload size
limit, and an image where the name says image), stored through the uploads storage under
`imports/<random>/<key>`, and the imported rows' URLs that named it point at the new copy.
A file that fails a check refuses the whole import."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from hallway.errors import HallwayError
from hallway.exports.media import KINDS
from hallway.exports.restore import ImportProblem
from hallway.images import check_budget, probe_image
from hallway.uploads.names import random_name
from hallway.uploads.options import MEDIA_PATH, UploadOptions
from hallway.uploads.sniff import sniff
from hallway.uploads.storage import Storage, Uploads

MEDIA_DIR = "media/"
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9_.-]*"
_KEY = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
MEDIA_SUFFIXES = frozenset().union(*KINDS.values())


@dataclass(frozen=True)
class Medium:
    key: str  # as in the exporting server's storage
    data: bytes
    content_type: str


def read_media(data: bytes, options: UploadOptions) -> list[Medium]:
    """The checked media files of an archive `read_archive` accepted."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            _medium(archive, info, options)
            for info in archive.infolist()
            if info.filename.startswith(MEDIA_DIR) and not info.is_dir()
        ]


def _medium(archive: zipfile.ZipFile, info: zipfile.ZipInfo, options: UploadOptions) -> Medium:
    name, key = info.filename, info.filename[len(MEDIA_DIR) :]
    if not _KEY.fullmatch(key) or ".." in key.split("/"):
        raise ImportProblem(f"{name} is not a media file's name")
    suffix = PurePosixPath(key).suffix.lower()
    if suffix not in MEDIA_SUFFIXES:
        raise ImportProblem(f"{name} is not a kind of media an export carries")
    if info.file_size > options.max_bytes:
        raise ImportProblem(f"{name} is over the {options.max_bytes} bytes a file may have")
    with archive.open(info) as stream:
        raw = stream.read(info.file_size + 1)
    if len(raw) > info.file_size:
        raise ImportProblem(f"{name} is larger than the archive says")
    is_image = suffix in KINDS["image"]
    try:
        kind = sniff(raw, key)
        if is_image and kind.is_image:
            check_budget(probe_image(raw, options.budget.max_frames), options.budget)
    except HallwayError as exc:
        raise ImportProblem(f"{name}: {exc.detail}") from None
    if kind.is_image != is_image:
        expected = "an image" if is_image else f"a {suffix} file"
        raise ImportProblem(f"{name} is not {expected}")
    return Medium(key, raw, kind.content_type)


def new_keys(media: list[Medium]) -> dict[str, str]:
    """Old storage key -> where the copy goes."""
    folder = f"imports/{random_name()}"
    return {medium.key: f"{folder}/{medium.key}" for medium in media}


def relink(value: Any, urls: dict[str, str]) -> Any:
    """`value` (the archive's JSON) with every URL of a media file (`…/static/media/<key>`,
    with or without a query) replaced by its copy's URL `urls[key]`."""
    if isinstance(value, str):
        marker = f"{MEDIA_PATH}/"
        at = value.rfind(marker)
        if at < 0:
            return value
        key = value[at + len(marker) :].split("?", 1)[0]
        return urls.get(key, value)
    if isinstance(value, dict):
        return {name: relink(item, urls) for name, item in value.items()}
    if isinstance(value, list):
        return [relink(item, urls) for item in value]
    return value


@dataclass(frozen=True)
class Copies:
    """The media files of an import and where they go, stored by `save` once the rows are in."""

    storage: Storage
    media: list[Medium]
    keys: dict[str, str]

    async def save(self) -> None:
        for medium in self.media:
            await self.storage.save(self.keys[medium.key], medium.data, medium.content_type)


def take_media(
    raw: bytes, files: dict[str, Any], options: UploadOptions
) -> tuple[dict[str, Any], Copies]:
    """The archive's JSON pointing at the copies its media will have, and those copies."""
    media = read_media(raw, options)
    uploads = Uploads.build(options)
    storage, keys = uploads.storage(force_local=False), new_keys(media)
    urls = {old: storage.url(new, uploads.origin) for old, new in keys.items()}
    return relink(files, urls), Copies(storage, media, keys)
