"""Drawing badges: one page per attendee at the form's size and orientation, on its colour,
each field a line at the form's font, size, weight, colour, alignment and rotation, one after
the other from the top (with the field's margins, in millimetres), and the QR code the
scanners read where the form places its `QR` field. fpdf2 draws, segno makes the codes."""

from __future__ import annotations

import io
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallway.badges.schemas import SIZE
from hallway.orders.pdfs import latin

DEFAULT_SIZE_MM = (101.6, 152.4)
TOP_MM = 5.0
PT_MM = 25.4 / 72
# An uploaded font's bold: its outline stroked this wide (of the size); italic: slanted.
FAUX_BOLD = 0.04
FAUX_SLANT = 12  # degrees
LINE_SPACING = 1.25
QR_SHARE = 0.45
QR_BORDER = 2  # modules of quiet zone
QR_MASK = 2
# The fonts a form may name, drawn with the PDF core font that looks most like them.
SERIF = ("times",)
MONO = ("courier",)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    color: tuple[int, int, int] | None
    fields: list[dict[str, Any]]
    background: bytes | None = None


@dataclass(frozen=True)
class Holder:
    """What a badge says about its attendee: values by field identifier, and the QR text."""

    values: dict[str, str]
    qr: str
    fonts: dict[str, bytes] = field(default_factory=dict)


def layout_of(size: str | None, orientation: str | None, color: str | None,
              fields: list[dict[str, Any]]) -> Layout:  # fmt: skip
    found = SIZE.search(size or "")
    width, height = (float(found[1]), float(found[2])) if found else DEFAULT_SIZE_MM
    if (orientation or "").lower() == "landscape":
        width, height = max(width, height), min(width, height)
    else:
        width, height = min(width, height), max(width, height)
    live = [f for f in fields if not f.get("is_deleted")]
    return Layout(width, height, rgb(color), live)


def rgb(color: str | None) -> tuple[int, int, int] | None:
    if not color or len(color) != 7 or not color.startswith("#"):
        return None
    try:
        return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    except ValueError:
        return None


def is_qr(spec: dict[str, Any]) -> bool:
    return "qr" in (
        str(spec.get("field_identifier") or ""),
        str(spec.get("custom_field") or "").lower(),
    )


def normal(name: str) -> str:
    """`jobTitle`, `job_title` and `Job Title` name the same value."""
    return "".join(c for c in name.lower() if c.isalnum())


def key_of(spec: dict[str, Any]) -> str:
    return normal(str(spec.get("field_identifier") or spec.get("custom_field") or ""))


def badges_pdf(pages: list[tuple[Layout, Holder]], title: str = "Badges") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm")
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("Hallway")
    pdf.set_title(latin(title))
    # fpdf2 reads a font from a file: uploaded fonts are written out while the PDF is drawn.
    with tempfile.TemporaryDirectory(prefix="hallway-fonts-") as folder:
        for layout, holder in pages:
            _page(pdf, layout, holder, folder)
        return bytes(pdf.output())


def _page(pdf: Any, layout: Layout, holder: Holder, folder: str) -> None:
    pdf.add_page(format=(layout.width, layout.height))
    if layout.color is not None:
        pdf.set_fill_color(*layout.color)
        pdf.rect(0, 0, layout.width, layout.height, style="F")
    if layout.background is not None:
        # fpdf2 keeps one copy of an image used on many pages.
        pdf.image(io.BytesIO(layout.background), x=0, y=0, w=layout.width, h=layout.height)
    y = TOP_MM
    for spec in layout.fields:
        y += _mm(spec.get("margin_top"))
        y = (
            _qr(pdf, layout, spec, holder, y)
            if is_qr(spec)
            else _text(pdf, layout, spec, holder, y, folder)
        )
        y += _mm(spec.get("margin_bottom"))


def _mm(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _span(layout: Layout, spec: dict[str, Any]) -> tuple[float, float]:
    """The left edge and width a field is aligned within."""
    left = _mm(spec.get("margin_left"))
    return left, max(1.0, layout.width - left - _mm(spec.get("margin_right")))


def _qr(pdf: Any, layout: Layout, spec: dict[str, Any], holder: Holder, y: float) -> float:
    left, width = _span(layout, spec)
    size = min(width, layout.width * QR_SHARE)
    align = spec.get("text_alignment") or "center"
    x = (
        left
        if align == "left"
        else left + width - size
        if align == "right"
        else left + (width - size) / 2
    )
    draw_qr(pdf, holder.qr, x, y, size)
    return y + size


def draw_qr(pdf: Any, text: str, x: float, y: float, size: float) -> None:
    """The code drawn as rectangles (one per run of dark modules in a row) on a white square
    with a quiet zone: no image to encode and decode per badge. A fixed mask pattern skips
    the costly search for the best one; every mask is a valid code."""
    import segno

    matrix = segno.make(text, error="m", mask=QR_MASK).matrix
    module = size / (len(matrix) + 2 * QR_BORDER)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row, modules in enumerate(matrix):
        top = y + (row + QR_BORDER) * module
        column = 0
        while column < len(modules):
            if not modules[column]:
                column += 1
                continue
            start = column
            while column < len(modules) and modules[column]:
                column += 1
            # A hair wider than the run, so neighbouring rows leave no seam when rasterized.
            pdf.rect(x + (start + QR_BORDER) * module, top, (column - start) * module,
                     module * 1.02, style="F")  # fmt: skip


def _text(
    pdf: Any, layout: Layout, spec: dict[str, Any], holder: Holder, y: float, folder: str
) -> float:
    size = spec.get("font_size") or 14
    unicode, drawn_on = _font(pdf, spec, holder, size, folder)
    color = rgb(spec.get("font_color")) or (0, 0, 0)
    pdf.set_text_color(*color)
    line = size * PT_MM * LINE_SPACING
    left, width = _span(layout, spec)
    text = _cased(holder.values.get(key_of(spec), ""), spec.get("text_type"))
    text = text if unicode else latin(text)
    align = {"left": "L", "right": "R", "justify": "J"}.get(spec.get("text_alignment") or "", "C")
    angle = spec.get("text_rotation") or 0
    pdf.set_xy(left, y)
    with ExitStack() as drawing:
        if angle:
            drawing.enter_context(pdf.rotation(angle, x=left + width / 2, y=y + line / 2))
        _emphasise(pdf, drawing, drawn_on, color, size, (left + width / 2, y + line))
        pdf.cell(width, line, text, align=align)
    return y + line


def _emphasise(
    pdf: Any, drawing: ExitStack, style: str, color: tuple[int, int, int], size: float,
    origin: tuple[float, float],
) -> None:  # fmt: skip
    """Bold and italic for an uploaded font, which has one face: its outlines stroked as
    well as filled (bold) and slanted about the line's foot (italic), until `drawing` ends."""
    if "B" in style:
        from fpdf.enums import TextMode

        pdf.set_draw_color(*color)
        pdf.set_line_width(size * PT_MM * FAUX_BOLD)
        pdf.text_mode = TextMode.FILL_STROKE
        drawing.callback(setattr, pdf, "text_mode", TextMode.FILL)
    if "I" in style:
        drawing.enter_context(pdf.skew(ax=FAUX_SLANT, ay=0, x=origin[0], y=origin[1]))


def _font(
    pdf: Any, spec: dict[str, Any], holder: Holder, size: float, folder: str
) -> tuple[bool, str]:
    """Set the field's font. Answers whether it is an uploaded font (it draws any character
    it has), and the styles (B, I) the text must be drawn with by hand (`_emphasise`)."""
    styles = spec.get("font_weight") or []
    style = ""
    for item in styles if isinstance(styles, list) else []:
        if isinstance(item, dict):
            style += "B" if item.get("font_weight") == "bold" else ""
            style += "I" if item.get("font_style") == "italic" else ""
            style += "U" if item.get("text_decoration") == "underline" else ""
    name = str(spec.get("font_name") or "")
    if name in holder.fonts:
        family = "custom-" + name
        if family.lower() not in pdf.fonts:
            pdf.add_font(family, fname=font_file(folder, holder.fonts[name]))
        pdf.set_font(family, style=style.replace("B", "").replace("I", ""), size=size)
        return True, "".join(letter for letter in "BI" if letter in style)
    lowered = name.lower()
    family = (
        "Times"
        if lowered.startswith(SERIF)
        else "Courier"
        if lowered.startswith(MONO)
        else "Helvetica"
    )
    pdf.set_font(family, style=style, size=size)
    return False, ""


def font_file(folder: str, content: bytes) -> Path:
    """The font written to a file of its own (TrueType and OpenType alike read as .ttf)."""
    path = Path(folder) / f"font-{len(list(Path(folder).iterdir()))}.ttf"
    path.write_bytes(content)
    return path


def _cased(text: str, text_type: Any) -> str:
    kind = str(text_type or "").lower()
    if kind == "uppercase":
        text = text.upper()
    elif kind == "lowercase":
        text = text.lower()
    elif kind == "capitalize":
        text = text.title()
    return text
