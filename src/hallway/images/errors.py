"""What an image can be refused for. These errors cross the process boundary (a worker
raises them, the server re-raises them), so they carry nothing but their detail."""

from __future__ import annotations

from hallway.errors import HallwayError, UnsupportedMediaType, ValidationFailed


class ImageUnreadable(ValidationFailed):
    title = "Invalid image"


class ImageFormatRefused(UnsupportedMediaType):
    title = "Unsupported image format"


class ImageDimensionsTooLarge(ValidationFailed):
    title = "Image too large"


class ImageTooComplex(ValidationFailed):
    """Within the pixel budget, but too costly to decode (frames, JPEG scans, memory)."""

    title = "Image too complex"


class ImageWorkerFailed(HallwayError):
    """The worker process timed out or died; the image may be fine on a quieter server."""

    status = 503
    title = "Image processing unavailable"
