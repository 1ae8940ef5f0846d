"""Decode, verify, strip and resize: an image is re-encoded without any metadata, in the
format it came in, at full size and at the widths the budget names (`VARIANT_WIDTHS` by
default). This is the costly part of an upload, run in a worker process (`pool.ImagePool`),
never in the server; Pillow is imported here only, inside the functions. The budget is
checked again here from what Pillow reads, frame by frame, in case a header told the probe
less than the decoder finds."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from hallway.images.budget import ImageBudget, Probe, check_budget
from hallway.images.errors import (
    ImageDimensionsTooLarge,
    ImageFormatRefused,
    ImageTooComplex,
    ImageUnreadable,
)
from hallway.images.probe import ACCEPTED

if TYPE_CHECKING:
    from PIL.Image import Image


# Pillow format -> (extension, media type). Each is written back in the format it came in.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}
SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"compress_level": 6},
    "GIF": {},
    "WEBP": {"quality": 85},
}
DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error)
DEFAULT_FRAME_MS = 100


@dataclass(frozen=True)
class Frame:
    image: Image
    duration: int


@dataclass(frozen=True)
class ProcessedImage:
    extension: str
    content_type: str
    renditions: dict[str, bytes]
    """`original` (full size, re-encoded) and one entry per variant of the budget's widths."""


def process_image(data: bytes, budget: ImageBudget) -> ProcessedImage:
    """Decode, verify, strip and resize; raises a 4xx error for anything that is not a
    readable JPEG, PNG, GIF or WEBP within the budget."""
    from PIL import Image

    try:
        return _process(data, budget)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageDimensionsTooLarge(str(exc)) from exc
    except MemoryError as exc:
        raise ImageTooComplex("The image needs more memory to decode than is allowed") from exc
    except DECODE_ERRORS as exc:
        # Pillow's decoders report damaged input with any of these, on open or on load.
        raise ImageUnreadable(f"The image data is damaged or truncated ({exc})") from exc


def _format(image: Image) -> str:
    """The format an image is stored in: a multi-picture JPEG (MPO, what many phones and
    cameras write) is a JPEG whose first picture is the photo; the rest are dropped."""
    return "JPEG" if image.format == "MPO" else str(image.format)


def _animated(image: Image) -> bool:
    return image.format != "MPO" and bool(getattr(image, "is_animated", False))


def _process(data: bytes, budget: ImageBudget) -> ProcessedImage:
    image = _open(data, budget)
    format_name = _format(image)
    extension, content_type = FORMATS[format_name]
    loop = image.info.get("loop")
    frames = _frames(image, format_name, budget)
    original = _encode(frames, format_name, loop)
    renditions = {"original": original}
    for variant, width in budget.variant_widths.items():
        if frames[0].image.width <= width:
            renditions[variant] = original  # never upscaled: the variant is the original
        else:
            resized = [Frame(_resize(f.image, width), f.duration) for f in frames]
            renditions[variant] = _encode(resized, format_name, loop)
    return ProcessedImage(extension, content_type, renditions)


def _open(data: bytes, budget: ImageBudget) -> Image:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(BytesIO(data), formats=ACCEPTED)
    except UnidentifiedImageError as exc:
        raise ImageUnreadable(_not_an_image()) from exc
    if _format(image) not in FORMATS:
        raise ImageFormatRefused(f"{image.format} images are not accepted; {_accepted()}")
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageUnreadable(f"The image is {width}x{height} pixels")
    frames = int(getattr(image, "n_frames", 1)) if _animated(image) else 1
    check_budget(Probe(_format(image), width, height, frames), budget)
    return image


def _frames(image: Image, format_name: str, budget: ImageBudget) -> list[Frame]:
    """Every frame of an animation (within the budget), else the one image upright."""
    from PIL import ImageOps, ImageSequence

    if not _animated(image):
        image.load()
        upright = ImageOps.exif_transpose(image)
        return [Frame(_clean(upright, _still_mode(upright, format_name)), DEFAULT_FRAME_MS)]
    frames, pixels = [], 0
    for frame in ImageSequence.Iterator(image):
        # A GIF frame may overflow the screen the header gave: the canvas grows with it.
        pixels += frame.width * frame.height
        if pixels > budget.max_animation_pixels:
            raise ImageDimensionsTooLarge(
                f"The animation's frames have more than {budget.max_animation_pixels:,} "
                "pixels in all"
            )
        duration = int(frame.info.get("duration", DEFAULT_FRAME_MS))
        frames.append(Frame(_clean(frame, "RGBA"), duration))
    return frames


def _still_mode(image: Image, format_name: str) -> str:
    """Grey stays grey; transparency becomes an alpha channel (JPEG has none); the rest is
    RGB. Animations are always RGBA, so that every frame has the same mode."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha and format_name != "JPEG":
        return "RGBA"
    return "L" if image.mode == "L" or image.mode.startswith("I") else "RGB"


def _clean(image: Image, mode: str) -> Image:
    """A copy in `mode` with no metadata at all (EXIF, XMP, ICC, comments, text chunks);
    colours under an embedded ICC profile are first converted to sRGB, which browsers assume."""
    if image.mode.startswith("I") and mode == "L":
        image = image.convert("I").point(lambda value: value / 256)  # 16-bit grey -> 8-bit
    clean = _in_srgb(image, mode)
    if clean is None:
        clean = image.convert(mode) if image.mode != mode else image.copy()
    clean.info = {}
    return clean


def _in_srgb(image: Image, mode: str) -> Image | None:
    """`image` converted from its ICC profile to sRGB in `mode`; None without a usable one."""
    profile = image.info.get("icc_profile")
    if not profile or mode == "L":
        return None
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # a broken or unsupported profile: plain conversion, as without one


def _resize(image: Image, width: int) -> Image:
    from PIL import Image as PILImage

    height = max(1, round(image.height * width / image.width))
    resized = image.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}
    return resized


def _encode(frames: list[Frame], format_name: str, loop: object) -> bytes:
    buffer = BytesIO()
    first, *rest = frames
    options = dict(SAVE_OPTIONS[format_name])
    if rest:
        options.update(
            save_all=True,
            append_images=[frame.image for frame in rest],
            duration=[frame.duration for frame in frames],
        )
        if isinstance(loop, int):
            options["loop"] = loop
    first.image.save(buffer, format=format_name, **options)
    return buffer.getvalue()


def _accepted() -> str:
    return "accepted: " + ", ".join(FORMATS)


def _not_an_image() -> str:
    return f"The data is not an image in a supported format ({_accepted()})"
