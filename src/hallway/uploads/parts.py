"""A `multipart/form-data` body read as it arrives: each file is capped while it is read
(413 at once, not after the whole body), the number of files is capped, and other
fields are skipped (they are capped too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from hallway.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from hallway.uploads.bodies import capped_stream, megabytes

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

MAX_FIELD_BYTES = 64 * 1024
FORM_OVERHEAD = 64 * 1024  # part headers and boundaries, summed over the parts


@dataclass
class FilePart:
    field_name: str
    filename: str
    data: bytearray = field(default_factory=bytearray)


class _PartCollector:
    """python-multipart callbacks that keep file parts and discard plain fields."""

    def __init__(self, max_bytes: int, max_files: int) -> None:
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.files: list[FilePart] = []
        self.finished = False
        self._header = (b"", b"")
        self._disposition = b""
        self._current: FilePart | None = None
        self._field_bytes = 0

    def on_part_begin(self) -> None:
        self._disposition, self._current, self._field_bytes = b"", None, 0

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header = (self._header[0] + data[start:end], self._header[1])

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header = (self._header[0], self._header[1] + data[start:end])

    def on_header_end(self) -> None:
        name, value = self._header
        if name.strip().lower() == b"content-disposition":
            self._disposition = value
        self._header = (b"", b"")

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        if b"name" not in options:
            raise BadRequest('Every multipart part needs Content-Disposition with a "name"')
        if b"filename" not in options:
            return
        if len(self.files) >= self.max_files:
            raise PayloadTooLarge(f"At most {self.max_files} files may be sent at once")
        self._current = FilePart(_text(options[b"name"]), _text(options[b"filename"]))

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        size = end - start
        if self._current is None:
            self._field_bytes += size
            if self._field_bytes > MAX_FIELD_BYTES:
                raise PayloadTooLarge(f"A form field may be at most {MAX_FIELD_BYTES} bytes")
            return
        if len(self._current.data) + size > self.max_bytes:
            raise PayloadTooLarge(
                f"'{self._current.filename}' is larger than {megabytes(self.max_bytes)}"
            )
        self._current.data += data[start:end]

    def on_part_end(self) -> None:
        if self._current is not None:
            self.files.append(self._current)
            self._current = None

    def on_end(self) -> None:
        self.finished = True


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


async def read_file_parts(request: Request, max_bytes: int, max_files: int) -> list[FilePart]:
    """The file parts of the body, in order; 415 unless it is multipart/form-data."""
    media_type, params = parse_options_header(request.headers.get("content-type", ""))
    if media_type != b"multipart/form-data":
        raise UnsupportedMediaType("Send the files as multipart/form-data")
    boundary = params.get(b"boundary")
    if not boundary:
        raise BadRequest("The multipart Content-Type has no boundary")
    collector = _PartCollector(max_bytes, max_files)
    limit = max_bytes * max_files + FORM_OVERHEAD
    try:
        parser = MultipartParser(boundary, _callbacks(collector))
        async for chunk in capped_stream(request, limit, max_bytes):
            parser.write(chunk)
    except FormParserError as exc:
        raise BadRequest(f"The multipart body is malformed ({exc})") from exc
    if not collector.finished:
        raise BadRequest("The multipart body ends before its closing boundary")
    return collector.files


def _callbacks(collector: _PartCollector) -> MultipartCallbacks:
    return {
        "on_part_begin": collector.on_part_begin,
        "on_part_data": collector.on_part_data,
        "on_part_end": collector.on_part_end,
        "on_header_field": collector.on_header_field,
        "on_header_value": collector.on_header_value,
        "on_header_end": collector.on_header_end,
        "on_headers_finished": collector.on_headers_finished,
        "on_end": collector.on_end,
    }
