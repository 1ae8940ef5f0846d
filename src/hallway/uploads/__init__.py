"""Uploads: `POST /v1/upload/image` (a base64 data URL) and `POST /v1/upload/files`
(multipart), stored on the local disk or in an S3-compatible bucket: the place the settings
row names (`storage-place`, `aws-*`, `gs-*`, read at each upload), else the environment's.

Public API:
- `router`: the two endpoints (JWT required; `?force_local=true` skips S3).
- `mount_media(app)`: serves the local directory at `/static/media`.
- `variants_for(url)`: `{original, large, thumbnail, icon}` URLs of an uploaded image
  (widths 1300/500/75 px, aspect kept, never upscaled), or None for a foreign URL.
- `UploadOptions`, `Uploads`: limits (`UploadLimits`: files per account and per address),
  image budgets, workers and backends; `app.state.uploads = Uploads.build(...)` overrides
  what is otherwise read from Settings on first use.
- `close_image_workers()`: stops the image worker processes (the app's lifespan calls it).
"""

from hallway.images import VARIANT_WIDTHS
from hallway.images import close_image_pools as close_image_workers
from hallway.uploads.media import mount_media
from hallway.uploads.names import variants_for
from hallway.uploads.options import S3Options, UploadLimits, UploadOptions
from hallway.uploads.routes import router
from hallway.uploads.storage import LocalStorage, Storage, Uploads

__all__ = [
    "VARIANT_WIDTHS",
    "LocalStorage",
    "S3Options",
    "Storage",
    "UploadLimits",
    "UploadOptions",
    "Uploads",
    "close_image_workers",
    "mount_media",
    "router",
    "variants_for",
]
