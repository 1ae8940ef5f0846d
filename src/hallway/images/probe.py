"""An image's format, canvas and frame count read from its header, in plain Python: nothing
is decoded and nothing is allocated in proportion to the pixels, so the server can measure
an upload against its budget before it reaches a worker. Only the four accepted formats
are parsed; a few others are recognised by signature so that the refusal can name them."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable

from hallway.images.budget import Probe
from hallway.images.errors import ImageFormatRefused, ImageUnreadable

ACCEPTED = ("JPEG", "PNG", "GIF", "WEBP")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Signatures of formats that are refused, so that the refusal can say what was sent.
REFUSED_SIGNATURES = {
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"8BPS": "PSD",
    b"\x00\x00\x01\x00": "ICO",
    b"icns": "ICNS",
    b"\x00\x00\x00\x0cjP  ": "JPEG 2000",
}
HEIF_BRANDS = {b"heic": "HEIF", b"heix": "HEIF", b"mif1": "HEIF", b"avif": "AVIF"}
# Start-of-frame markers (SOF0-SOF15 except DHT, JPG and DAC), which carry the dimensions.
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD9)}  # TEM, RSTn, SOI: markers without a length
# Encoders write the data in sub-blocks of 255 bytes, so a 10 MB GIF has about 41,000 of them.
# Walking them is Python work in the server: a file of one-byte blocks is refused instead.
GIF_MAX_SUB_BLOCKS = 200_000
_GIF_BLOCK = re.compile(rb"[\x21\x2c\x3b]")


def probe_image(data: bytes, max_frames: int) -> Probe:
    """The header's account of `data`. Frames are counted up to `max_frames + 1`: past the
    budget the exact number does not matter. Raises 415 for other formats, 422 for damage."""
    parser = _parser_for(data)
    try:
        return parser(data, max_frames)
    except (IndexError, struct.error) as exc:
        raise ImageUnreadable("The image data is damaged or truncated (its header)") from exc


def _parser_for(data: bytes) -> Callable[[bytes, int], Probe]:
    if data.startswith(PNG_SIGNATURE):
        return _png
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _gif
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp
    accepted = ", ".join(ACCEPTED)
    for signature, name in REFUSED_SIGNATURES.items():
        if data.startswith(signature):
            raise ImageFormatRefused(f"{name} images are not accepted; accepted: {accepted}")
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        name = HEIF_BRANDS[data[8:12]]
        raise ImageFormatRefused(f"{name} images are not accepted; accepted: {accepted}")
    raise ImageUnreadable(f"The data is not an image in a supported format (accepted: {accepted})")


def _damaged(what: str) -> ImageUnreadable:
    return ImageUnreadable(f"The image data is damaged or truncated ({what})")


def _png(data: bytes, max_frames: int) -> Probe:
    """IHDR first, then the chunks up to the first IDAT: an APNG declares its frame count
    in acTL (Pillow reads no further either, and refuses frames outside the canvas)."""
    if data[12:16] != b"IHDR":
        raise _damaged("no IHDR chunk")
    width, height = struct.unpack_from(">II", data, 16)
    frames, position = 1, 8
    while True:
        length, kind = struct.unpack_from(">I4s", data, position)
        if kind == b"IDAT":
            return Probe("PNG", width, height, frames)
        if kind == b"acTL":
            frames = max(1, struct.unpack_from(">I", data, position + 8)[0])
        position += 12 + length
        if position >= len(data):
            raise _damaged("no image data")


def _gif(data: bytes, max_frames: int) -> Probe:
    """Every image descriptor is a frame drawn on a canvas as large as the screen and every
    frame's extent (Pillow grows the image to a frame that overflows the screen)."""
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    position = 13 + _colour_table(flags)
    frames = blocks = 0
    budget = max(GIF_MAX_SUB_BLOCKS, len(data) // 128)
    while position < len(data) and frames <= max_frames:
        block = data[position]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then sub-blocks
            position, count = _skip_sub_blocks(data, position + 2)
        elif block == 0x2C:  # image descriptor
            left, top, frame_width, frame_height, flags = struct.unpack_from(
                "<HHHHB", data, position + 1
            )
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            position, count = _skip_sub_blocks(data, position + 11 + _colour_table(flags))
            frames += 1
        else:  # Pillow skips stray bytes between blocks too
            found = _GIF_BLOCK.search(data, position)
            position, count = (found.start() if found else len(data)), 1
        blocks += count
        if blocks > budget:
            raise ImageUnreadable("The GIF's data is split into unusually small blocks")
    if frames == 0:
        raise _damaged("no image in the GIF")
    return Probe("GIF", width, height, frames)


def _colour_table(flags: int) -> int:
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _skip_sub_blocks(data: bytes, position: int) -> tuple[int, int]:
    """The position after a run of sub-blocks, and how many there were."""
    count = 0
    while position < len(data):
        size = data[position]
        position += 1 + size
        count += 1
        if size == 0:
            break
    return position, count


def _jpeg(data: bytes, max_frames: int) -> Probe:
    """The segments up to the start-of-frame marker. Every scan starts with an SOS marker,
    which the entropy-coded data never contains (0xFF is stuffed there), so counting the
    markers bounds the scans (an embedded thumbnail adds its own)."""
    position = 2
    while True:
        if data[position] != 0xFF:
            raise _damaged("no JPEG frame header")
        while data[position] == 0xFF:  # fill bytes
            position += 1
        marker = data[position]
        position += 1
        if marker in JPEG_STANDALONE:
            continue
        if marker in JPEG_SOF:
            height, width = struct.unpack_from(">HH", data, position + 3)
            return Probe("JPEG", width, height, scans=data.count(b"\xff\xda"))
        if marker in (0xDA, 0xD9):  # a scan or the end before any frame header
            raise _damaged("no JPEG frame header")
        position += struct.unpack_from(">H", data, position)[0]


def _webp(data: bytes, max_frames: int) -> Probe:
    """The first chunk gives the canvas (VP8X) or the one frame's size (VP8, VP8L); an
    animation has one ANMF chunk per frame, each inside the canvas (libwebp checks)."""
    kind, size = struct.unpack_from("<4sI", data, 12)
    body = 20
    if kind == b"VP8 ":
        if data[body + 3 : body + 6] != b"\x9d\x01\x2a":
            raise _damaged("bad VP8 frame")
        width, height = struct.unpack_from("<HH", data, body + 6)
        return Probe("WEBP", width & 0x3FFF, height & 0x3FFF)
    if kind == b"VP8L":
        if data[body] != 0x2F:
            raise _damaged("bad VP8L signature")
        bits = struct.unpack_from("<I", data, body + 1)[0]
        return Probe("WEBP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if kind != b"VP8X":
        raise _damaged("unknown WebP chunk")
    width = int.from_bytes(data[body + 4 : body + 7], "little") + 1
    height = int.from_bytes(data[body + 7 : body + 10], "little") + 1
    frames = _webp_frames(data, body + size + (size & 1), max_frames)
    return Probe("WEBP", width, height, max(1, frames))


def _webp_frames(data: bytes, position: int, max_frames: int) -> int:
    frames = 0
    while position + 8 <= len(data) and frames <= max_frames:
        kind, size = struct.unpack_from("<4sI", data, position)
        frames += kind == b"ANMF"
        position += 8 + size + (size & 1)
    return frames
