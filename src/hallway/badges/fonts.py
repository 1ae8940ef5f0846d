"""Fonts an organizer uploads for the event's badges: a TrueType or OpenType file, sent as
base64 in `{"name": ..., "data": ...}`, checked by parsing it before it is kept."""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
from typing import Any

from hallway.errors import UnsupportedMediaType, ValidationFailed

MAX_FONT_BYTES = 4 * 1024 * 1024
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}")
# TrueType (1.0 and 'true'), OpenType with CFF outlines ('OTTO').
SIGNATURES = (b"\x00\x01\x00\x00", b"true", b"OTTO")
PARSE_ERRORS = (ValueError, KeyError, IndexError, TypeError, AssertionError, EOFError, OSError)


class FontRefused(UnsupportedMediaType):
    title = "Not a font"


def font_name(body: dict[str, Any]) -> str:
    name = body.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValidationFailed(
            "name: 1 to 100 letters, digits, spaces, '_', '.' or '-'", pointer="/name"
        )
    return name


def font_bytes(body: dict[str, Any]) -> bytes:
    data = body.get("data")
    if not isinstance(data, str) or not data:
        raise ValidationFailed("data: the font file, base64-encoded", pointer="/data")
    if data.startswith("data:") and "," in data:
        data = data.split(",", 1)[1]
    if len(data) > MAX_FONT_BYTES * 4 // 3 + 4:
        raise ValidationFailed(f"the font is larger than {MAX_FONT_BYTES} bytes", pointer="/data")
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed("data: not valid base64", pointer="/data") from None


def check_font(content: bytes) -> None:
    """A parseable TrueType/OpenType font with a character map and glyph outlines that fpdf2
    can embed; anything else is refused (415)."""
    if content[:4] not in SIGNATURES:
        raise FontRefused("Only TrueType (.ttf) and OpenType (.otf) fonts are accepted")
    from fontTools.ttLib import TTFont, TTLibError  # type: ignore[import-untyped]
    from fpdf.errors import FPDFException

    try:
        font = TTFont(io.BytesIO(content), lazy=False)
        if "cmap" not in font or not ({"glyf", "CFF ", "CFF2"} & set(font.keys())):
            raise FontRefused("The font has no character map or no glyph outlines")
        font.getBestCmap()
        _embeddable(content)
    except (*PARSE_ERRORS, struct.error, TTLibError, FPDFException) as exc:
        raise FontRefused(f"The font file cannot be read ({type(exc).__name__})") from exc


def _embeddable(content: bytes) -> None:
    import tempfile

    from fpdf import FPDF

    from hallway.badges.pdfs import font_file

    pdf = FPDF()
    with tempfile.TemporaryDirectory(prefix="hallway-font-check-") as folder:
        pdf.add_font("probe", fname=font_file(folder, content))
        pdf.add_page()
        pdf.set_font("probe", size=12)
        pdf.cell(text="Ag")
        pdf.output()
