"""How much an image may cost to decode, checked from its header before any pixel is decoded.

Decoding costs memory and CPU in proportion to the pixels decoded, not to the bytes sent: a
115 KB one-colour 6300x6300 PNG decodes to 119 MB of RGB and about 2 s of work. So every
image is measured from its header (`probe.probe_image`) and refused above these budgets."""

from __future__ import annotations

from dataclasses import dataclass, field

from hallway.images.errors import ImageDimensionsTooLarge, ImageTooComplex

MAX_PIXELS = 30_000_000
"""One image (or one frame). A 24-26 MP camera photo (6000x4000, 6240x4160) passes, which is
the largest a banner or speaker photo plausibly comes as; 6300x6300 (39.7 MP) does not. One
such photo takes about 1 s of CPU and 400 MB in a worker process."""
MAX_FRAMES = 200
"""Frames of an animation: 8 s at 25 frames a second. Each frame has a fixed cost (it is
decoded, converted, resized and re-encoded four times), about 2 ms even when tiny."""
MAX_ANIMATION_PIXELS = 20_000_000
"""Width x height x frames: a 1300x400 banner of 38 frames, or 480x270 for 150 frames. GIF
re-encoding costs more per pixel than a still photo, so this is below MAX_PIXELS; either way
one image costs at most about 1.5 s of CPU."""
VARIANT_WIDTHS: dict[str, int] = {"large": 1300, "thumbnail": 500, "icon": 75}
"""The resized variants stored beside every uploaded image, unless the admin's image sizes say
otherwise: aspect kept, never upscaled."""
MAX_JPEG_SCANS = 100
"""A progressive JPEG is decoded once per scan; encoders write about 10. Thousands of scans
would make a small file cost minutes of CPU."""


@dataclass(frozen=True)
class ImageBudget:
    max_pixels: int = MAX_PIXELS
    max_frames: int = MAX_FRAMES
    max_animation_pixels: int = MAX_ANIMATION_PIXELS
    variant_widths: dict[str, int] = field(default_factory=lambda: dict(VARIANT_WIDTHS))
    """The widths the variants are resized to (the admin's image sizes, read per upload)."""


@dataclass(frozen=True)
class Probe:
    """What an image's header says: its format (as Pillow names it), the canvas every frame
    is drawn on, how many frames there are (up to one past the budget) and, for JPEG, scans."""

    format: str
    width: int
    height: int
    frames: int = 1
    scans: int = 1


def check_budget(probe: Probe, budget: ImageBudget) -> None:
    """Refuse (422) an image whose header asks for more than the budget."""
    width, height, frames = probe.width, probe.height, probe.frames
    if width * height > budget.max_pixels:
        raise ImageDimensionsTooLarge(
            f"The image is {width}x{height} pixels; "
            f"at most {budget.max_pixels:,} pixels are accepted"
        )
    if frames > budget.max_frames:
        raise ImageTooComplex(
            f"The animation has more than {budget.max_frames} frames; "
            f"at most {budget.max_frames} are accepted"
        )
    if frames > 1 and frames * width * height > budget.max_animation_pixels:
        raise ImageDimensionsTooLarge(
            f"The animation has {frames} frames of {width}x{height} pixels "
            f"({frames * width * height:,} in all); "
            f"at most {budget.max_animation_pixels:,} pixels in all are accepted"
        )
    if probe.scans > MAX_JPEG_SCANS:
        raise ImageTooComplex(
            f"The JPEG has {probe.scans} scans; at most {MAX_JPEG_SCANS} are accepted"
        )
