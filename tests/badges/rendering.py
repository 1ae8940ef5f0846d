"""Reading a printed badge back: a page rendered to pixels by PDFium (pypdfium2), the QR code
decoded by zxing-cpp, a text's box found by PDFium's text layer. Positions in millimetres
from the page's top-left corner, as a form gives them."""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_POINT = 25.4 / 72
SCALE = 4  # pixels per point


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2


def page_count(pdf: bytes) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(pdf))


def page_size(pdf: bytes, index: int = 0) -> tuple[float, float]:
    import pypdfium2

    width, height = pypdfium2.PdfDocument(pdf)[index].get_size()
    return width * MM_PER_POINT, height * MM_PER_POINT


def text_box(pdf: bytes, text: str, index: int = 0) -> Box | None:
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[index]
    height = page.get_height()
    textpage = page.get_textpage()
    found = textpage.search(text).get_next()
    if found is None:
        return None
    start, length = found
    boxes = [textpage.get_charbox(i) for i in range(start, start + length)]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    return Box(
        left * MM_PER_POINT,
        (height - top) * MM_PER_POINT,
        right * MM_PER_POINT,
        (height - bottom) * MM_PER_POINT,
    )


def qr_codes(pdf: bytes, index: int = 0) -> list[tuple[str, Box]]:
    """Every QR code on the page: its text and the box of its symbol."""
    import pypdfium2
    import zxingcpp

    page = pypdfium2.PdfDocument(pdf)[index]
    image = page.render(scale=SCALE).to_pil()
    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        corners = [code.position.top_left, code.position.top_right,
                   code.position.bottom_left, code.position.bottom_right]  # fmt: skip
        xs = [c.x / SCALE * MM_PER_POINT for c in corners]
        ys = [c.y / SCALE * MM_PER_POINT for c in corners]
        found.append((code.text, Box(min(xs), min(ys), max(xs), max(ys))))
    return found


def pixel(pdf: bytes, left_mm: float, top_mm: float, index: int = 0) -> tuple[int, ...]:
    """The colour of the rendered page at a point given in millimetres."""
    import pypdfium2

    image = pypdfium2.PdfDocument(pdf)[index].render(scale=SCALE).to_pil().convert("RGB")
    x, y = (round(mm / MM_PER_POINT * SCALE) for mm in (left_mm, top_mm))
    return tuple(image.getpixel((x, y)))  # type: ignore[arg-type]


def ink(pdf: bytes, index: int = 0) -> int:
    """How many pixels of the rendered page are dark."""
    import pypdfium2

    image = pypdfium2.PdfDocument(pdf)[index].render(scale=SCALE).to_pil().convert("L")
    return sum(image.histogram()[:128])
