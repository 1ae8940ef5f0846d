"""The media an event's JSON export may carry: files of this server's local upload storage
that the exported rows name by URL, of the kinds asked for (image, video, audio, document),
under `media/<storage key>` in the zip. Files elsewhere (S3, other sites) stay links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from hallway.uploads.options import MEDIA_PATH, UploadOptions
from hallway.uploads.storage import LocalStorage

KINDS: dict[str, frozenset[str]] = {
    "image": frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico"}),
    "video": frozenset({".mp4", ".webm", ".mov", ".ogv", ".mkv"}),
    "audio": frozenset({".mp3", ".ogg", ".wav", ".m4a", ".flac"}),
    "document": frozenset({".pdf", ".doc", ".docx", ".ppt", ".pptx", ".odp", ".odt", ".txt"}),
}
MAX_MEDIA_BYTES = 200 * 1024 * 1024


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def media_files(files: dict[str, Any], options: UploadOptions, kinds: set[str]) -> dict[str, bytes]:
    """Zip member name -> bytes of each local upload the rows name, of the kinds asked for,
    while they fit in MAX_MEDIA_BYTES."""
    suffixes = frozenset().union(*(KINDS[kind] for kind in kinds if kind in KINDS))
    if not suffixes:
        return {}
    prefix = f"{options.public_url.rstrip('/')}{MEDIA_PATH}/"
    storage = LocalStorage(options.media_root)
    found: dict[str, bytes] = {}
    total = 0
    for text in _strings(files):
        if not text.startswith(prefix):
            continue
        key = text[len(prefix) :].split("?", 1)[0]
        if PurePosixPath(key).suffix.lower() not in suffixes or f"media/{key}" in found:
            continue
        try:
            data = storage.path_of(key).read_bytes()
        except (ValueError, OSError):
            continue  # outside the media root, or gone
        if total + len(data) > MAX_MEDIA_BYTES:
            break
        total += len(data)
        found[f"media/{key}"] = data
    return found
