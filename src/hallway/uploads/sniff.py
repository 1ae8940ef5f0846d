"""What an uploaded file is, decided by its bytes: a small allow-list of documents, archives
and images. Names and declared media types are never trusted (a name only picks among
extensions that the content already allows, e.g. .csv for text)."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

from hallway.errors import UnsupportedMediaType


class FileTypeRefused(UnsupportedMediaType):
    title = "File type not accepted"


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    is_image: bool = False


ACCEPTED = "PDF, JPEG, PNG, GIF, WEBP, plain text, ZIP and office documents"
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
PDF = FileKind("pdf", "application/pdf")
ZIP = FileKind("zip", "application/zip")
OOXML = {
    "word/": FileKind(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xl/": FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": FileKind(
        "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_OFFICE = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
TEXT = {"txt": "text/plain", "csv": "text/csv", "tsv": "text/tab-separated-values"}
TEXT.update({"md": "text/markdown", "ics": "text/calendar"})
# zipfile reports damage with any of these; RuntimeError is an encrypted member.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|svg|iframe|object|embed|meta|!doctype)|javascript:", re.I
)


def sniff(data: bytes, filename: str) -> FileKind:
    """The kind of `data`, or FileTypeRefused (415) for anything off the allow-list:
    executables, HTML, SVG, scripts, binary formats we do not know."""
    if data.startswith(IMAGE_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return FileKind("", "", is_image=True)  # the image pipeline decides the rest
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith(OLE2):
        return _legacy_office(filename)
    return _text_kind(data, filename)


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _zip_kind(data: bytes) -> FileKind:
    """An office document (OOXML, OpenDocument) by its members, else a plain archive.
    Only the central directory and the tiny `mimetype` member are read."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    declared = member.read(64).strip()
                if declared in OPENDOCUMENT:
                    return FileKind(OPENDOCUMENT[declared], declared.decode())
    except ZIP_ERRORS as exc:
        raise FileTypeRefused("The ZIP archive is damaged") from exc
    return ZIP


def _legacy_office(filename: str) -> FileKind:
    """OLE2 containers hold .doc/.xls/.ppt but also installers: accepted only under an
    office extension, and stored and served as that document type."""
    extension = _extension(filename)
    if extension not in LEGACY_OFFICE:
        raise FileTypeRefused(f"This kind of file is not accepted; accepted: {ACCEPTED}")
    return FileKind(extension, LEGACY_OFFICE[extension])


def _text_kind(data: bytes, filename: str) -> FileKind:
    if _CONTROL_BYTES.search(data) or data.startswith(b"#!"):
        raise FileTypeRefused(f"This kind of file is not accepted; accepted: {ACCEPTED}")
    if _MARKUP.search(data):
        raise FileTypeRefused("HTML, SVG and scripts are not accepted as text files")
    extension = _extension(filename)
    if extension not in TEXT:
        extension = "txt"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return FileKind(extension, TEXT[extension])
    return FileKind(extension, f"{TEXT[extension]}; charset=utf-8")
