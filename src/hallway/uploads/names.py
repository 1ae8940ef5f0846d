"""How stored objects are named, and the resized variants of an uploaded image.

An image is stored as `images/<ab>/<32 hex>.<ext>` with its variants beside it:
`<32 hex>_large.<ext>` (1300 px wide), `_thumbnail` (500 px) and `_icon` (75 px). The
names are random, so nothing a client sends ever becomes part of a path except the
sanitised stem of an uploaded file's name (`files/<32 hex>/<stem>.<ext>`).
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from hallway.images import VARIANT_WIDTHS

IMAGE_EXTENSIONS = ("jpg", "png", "gif", "webp")
_IMAGE_URL = re.compile(
    r"^(?P<stem>.*/images/[0-9a-f]{2}/[0-9a-f]{32})\.(?P<ext>jpg|png|gif|webp)$"
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_STEM = 80


def random_name() -> str:
    return uuid.uuid4().hex


def image_keys(name: str, extension: str) -> dict[str, str]:
    """Storage keys of an image and its variants, `original` first."""
    base = f"images/{name[:2]}/{name}"
    keys = {"original": f"{base}.{extension}"}
    keys.update({variant: f"{base}_{variant}.{extension}" for variant in VARIANT_WIDTHS})
    return keys


def file_key(name: str, filename: str, extension: str) -> str:
    return f"files/{name}/{safe_stem(filename)}.{extension}"


def safe_stem(filename: str) -> str:
    """The last path segment of a client's file name without its extension, reduced to
    ASCII letters, digits, `-` and `_` (`../../etc/passwd.pdf` -> `passwd`)."""
    last = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last.lstrip(".") else last
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_stem).strip("-_")[:MAX_STEM].strip("-_")
    return cleaned or "file"


def variants_for(url: str) -> dict[str, str] | None:
    """`{original, large, thumbnail, icon}` URLs of an image stored by this package, given
    the URL the upload returned (absolute or not). None for any other URL, e.g. an image
    hosted elsewhere, which the caller must fetch and resize itself."""
    match = _IMAGE_URL.match(url)
    if match is None:
        return None
    stem, extension = match["stem"], match["ext"]
    variants = {"original": url}
    variants.update({variant: f"{stem}_{variant}.{extension}" for variant in VARIANT_WIDTHS})
    return variants
