"""Files to upload, built in memory, and ways to look at what was stored."""

from __future__ import annotations

import base64
import struct
import zipfile
import zlib
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageCms, PngImagePlugin

from hallway.uploads import variants_for
from hallway.uploads.options import MEDIA_PATH

EXIF_MAKE, EXIF_ORIENTATION, EXIF_GPS = 0x010F, 0x0112, 0x8825
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def image_bytes(
    width: int, height: int, fmt: str = "PNG", mode: str = "RGB", **save: object
) -> bytes:
    image = Image.new(mode, (width, height), _colour(mode))
    buffer = BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _colour(mode: str) -> tuple[int, ...] | int:
    return {"RGBA": (200, 40, 40, 120), "L": 128}.get(mode, (200, 40, 40))


def jpeg_with_exif(width: int, height: int, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[EXIF_MAKE] = "Spycam"
    exif[EXIF_ORIENTATION] = orientation
    exif.get_ifd(EXIF_GPS)[2] = (52.0, 31.0, 0.0)  # GPSLatitude
    return image_bytes(width, height, "JPEG", exif=exif.tobytes())


def multi_picture_jpeg(width: int, height: int) -> bytes:
    """A JPEG with a second picture (MPO), as many phones and cameras write: a red photo and
    a blue second image (a depth map or a preview)."""
    first = Image.new("RGB", (width, height), (200, 0, 0))
    second = Image.new("RGB", (width // 2, height // 2), (0, 0, 200))
    buffer = BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def png_with_metadata(width: int, height: int) -> bytes:
    """A PNG carrying a text chunk and an (sRGB) ICC profile."""
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Spycam owner")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_bytes(width, height, pnginfo=text, icc_profile=profile)


def animated_gif(width: int, height: int, frames: int) -> bytes:
    images = [Image.new("RGB", (width, height), (i * 60, 0, 0)) for i in range(frames)]
    buffer = BytesIO()
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=80, loop=0
    )
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A 1x1 PNG whose header claims `width` x `height` (a decompression bomb's header)."""
    data = image_bytes(1, 1)
    ihdr = struct.pack(">II", width, height) + data[24:29]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return data[:16] + ihdr + crc + data[33:]


@cache
def one_colour_png(width: int, height: int) -> bytes:
    """A real PNG of one colour, squeezed as small as zlib can (6300x6300 in about 115 KB:
    the decompression bomb of the security review). Built row by row, never whole."""
    row = b"\x00" + bytes((200, 40, 40)) * width  # filter byte, then RGB
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def animation(fmt: str, width: int, height: int, frames: int) -> bytes:
    """An animated GIF, PNG (APNG) or WEBP whose frames all differ (none is merged: WEBP is
    lossless, as lossy encoding would make some of them equal)."""
    colours = [(i % 256, i * 7 % 256, i * 13 % 256) for i in range(frames)]
    images = [Image.new("RGB", (width, height), colour) for colour in colours]
    buffer = BytesIO()
    images[0].save(
        buffer, format=fmt, save_all=True, append_images=images[1:], duration=40, lossless=True
    )
    return buffer.getvalue()


def gif_overflowing_its_screen(width: int, height: int, frames: int = 1) -> bytes:
    """A GIF whose screen is 1x1 but whose frames are `width` x `height`: a decoder grows the
    canvas to the frames (a bomb the screen size alone does not reveal)."""
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00"
    return screen + frame * frames + b"\x3b"


def jpeg_with_scans(scans: int) -> bytes:
    """A progressive JPEG whose last scan is repeated until it has `scans` scans."""
    data = image_bytes(64, 64, "JPEG", progressive=True)
    last_scan = data[data.rindex(b"\xff\xda") : -2]
    extra = scans - data.count(b"\xff\xda")
    return data[:-2] + last_scan * extra + b"\xff\xd9"


def docx_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/readme.txt", "hello")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def data_url(data: bytes, media_type: str = "image/png") -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def local_path(url: str, root: Path) -> Path:
    """The file behind a `/static/media/...` URL."""
    path = urlsplit(url).path
    assert path.startswith(MEDIA_PATH + "/"), url
    return root / path.removeprefix(MEDIA_PATH + "/")


def stored(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def open_stored(url: str, root: Path) -> Image.Image:
    image = Image.open(BytesIO(local_path(url, root).read_bytes()))
    image.load()
    return image


def variant_sizes(url: str, root: Path) -> dict[str, tuple[int, int]]:
    return {name: open_stored(u, root).size for name, u in variants(url).items()}


def scaled(size: tuple[int, int], width: int) -> tuple[int, int]:
    """What a variant `width` wide must measure (aspect kept, never upscaled)."""
    if size[0] <= width:
        return size
    return width, max(1, round(size[1] * width / size[0]))


def variants(url: str) -> dict[str, str]:
    found = variants_for(url)
    assert found is not None, url
    return found


def files_under(root: Path) -> list[Path]:
    """Every file below `root`, resolved."""
    return [path.resolve() for path in root.rglob("*") if path.is_file()]
