"""Where uploaded bytes go: a storage interface, the local directory, and the per-app bundle
of options and backends that the routes use."""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from starlette.requests import Request

from hallway.errors import HallwayError
from hallway.images import ImagePool, image_pool, worker_count
from hallway.uploads.options import MEDIA_PATH, S3Options, UploadOptions
from hallway.uploads.place import LOCAL, Place
from hallway.uploads.slots import UploadSlots

log = logging.getLogger("hallway.uploads")
_KEPT_BUCKETS = 4


class StorageUnavailable(HallwayError):
    status = 503
    title = "Storage unavailable"


class Storage(Protocol):
    async def save(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key` (a relative, already safe path), replacing any object."""
        ...

    def url(self, key: str, origin: str) -> str:
        """The absolute URL `key` is read from; `origin` is this server's public base URL."""
        ...


class LocalStorage:
    """A directory on disk, served by the app at `/static/media` (see `mount_media`)."""

    def __init__(self, root: Path, url_path: str = MEDIA_PATH) -> None:
        self.root = root.resolve()
        self.url_path = url_path.rstrip("/")

    def path_of(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise ValueError(f"storage key escapes the media root: {key!r}")
        return path

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self.path_of(key)
        try:
            await asyncio.to_thread(_write_atomically, path, data)
        except OSError as exc:
            log.exception("cannot write %s", path)
            raise StorageUnavailable("The file could not be stored") from exc

    def url(self, key: str, origin: str) -> str:
        return f"{origin}{self.url_path}/{key}"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; media is public by design
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class Uploads:
    """What the upload routes need, built once per app and kept on `app.state.uploads`."""

    options: UploadOptions
    local: Storage
    remote: Storage | None = None
    slots: UploadSlots = field(default_factory=lambda: UploadSlots(1))
    buckets: dict[S3Options, Storage] = field(default_factory=dict)
    """The buckets the settings row named so far, each with its client made once."""

    @classmethod
    def build(cls, options: UploadOptions) -> Uploads:
        remote = _bucket(options.s3) if options.s3 is not None else None
        capacity = worker_count(options.workers.workers) + options.queue
        return cls(options, LocalStorage(options.media_root), remote, UploadSlots(capacity))

    def storage(self, *, force_local: bool, place: Place = None) -> Storage:
        """Where the settings row says (`place`, see `hallway.uploads.place`), else S3 when
        the environment configures it; local storage when the client asked for it."""
        if force_local or place == LOCAL:
            return self.local
        if isinstance(place, S3Options):
            if place == self.options.s3 and self.remote is not None:
                return self.remote
            if place not in self.buckets:
                if len(self.buckets) >= _KEPT_BUCKETS:
                    self.buckets.clear()
                self.buckets[place] = _bucket(place)
            return self.buckets[place]
        return self.remote if self.remote is not None else self.local

    @property
    def origin(self) -> str:
        """The base of stored URLs (`UploadOptions.public_url`), the same for every request."""
        return self.options.public_url.rstrip("/")

    @property
    def pool(self) -> ImagePool:
        """The process's image workers for these options (started on first use)."""
        return image_pool(self.options.workers)


def _bucket(options: S3Options) -> Storage:
    from hallway.uploads.s3 import S3Storage  # boto3 only where S3 is configured

    return S3Storage(options)


def uploads_of(request: Request) -> Uploads:
    """The app's `Uploads`, built from its Settings on first use unless already set."""
    state = request.app.state
    uploads = getattr(state, "uploads", None)
    if not isinstance(uploads, Uploads):
        uploads = Uploads.build(UploadOptions.from_settings(state.settings))
        state.uploads = uploads
    return uploads
