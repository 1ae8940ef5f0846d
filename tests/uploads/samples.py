"""Files to upload, built in memory, and ways to look at what was stored."""

from __future__ import annotations

import base64
import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageCms, PngImagePlugin

from hallway.uploads import variants_for
from hallway.uploads.options import MEDIA_PATH

EXIF_MAKE, EXIF_ORIENTATION, EXIF_GPS = 0x010F, 0x0112, 0x8825


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
