"""Uploads: `POST /v1/upload/image` (a base64 data URL) and `POST /v1/upload/files`
(multipart), stored on the local disk or in an S3-compatible bucket.

Public API:
- `router`: the two endpoints (JWT required; `?force_local=true` skips S3).
- `mount_media(app)`: serves the local directory at `/static/media`.
- `variants_for(url)`: `{original, large, thumbnail, icon}` URLs of an uploaded image
  (widths 1300/500/75 px, aspect kept, never upscaled), or None for a foreign URL.
- `UploadOptions`, `Uploads`: limits and backends; `app.state.uploads = Uploads.build(...)`
  overrides what is otherwise read from Settings on first use.
"""

from hallway.uploads.media import mount_media
from hallway.uploads.names import VARIANT_WIDTHS, variants_for
from hallway.uploads.options import S3Options, UploadOptions
from hallway.uploads.routes import router
from hallway.uploads.storage import LocalStorage, Storage, Uploads

__all__ = [
    "VARIANT_WIDTHS",
    "LocalStorage",
    "S3Options",
    "Storage",
    "UploadOptions",
    "Uploads",
    "mount_media",
    "router",
    "variants_for",
]
