"""The local media directory served by the app, with headers that keep a stored file from
ever running as a page (no sniffing, no scripts, no same-origin access)."""

from __future__ import annotations

import os
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from hallway.uploads.options import MEDIA_PATH, UploadOptions

MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "public, max-age=31536000, immutable",
}


class MediaFiles(StaticFiles):
    async def check_config(self) -> None:
        """A media directory that does not exist yet is empty, not a configuration error."""
        exists = self.directory is not None and await to_thread.run_sync(
            os.path.exists, self.directory
        )
        if exists:
            await super().check_config()

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(MEDIA_HEADERS)
        return response


def mount_media(app: FastAPI, options: UploadOptions | None = None) -> None:
    """Serve the upload directory at `/static/media` (options default to the app's Settings).
    Nothing is created here: the directory appears with the first stored file."""
    options = options or UploadOptions.from_settings(app.state.settings)
    directory = os.fspath(options.media_root.resolve())
    app.mount(MEDIA_PATH, MediaFiles(directory=directory, check_dir=False), name="media")
