"""What the server and an image worker say to each other: a JSON header, then raw bytes.

Nothing is unpickled on either side. The worker parses untrusted images; were a decoder ever
subverted, a pickle from it would run code in the server, while a header can only name one
of the refusals below or describe a failure."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from typing import Any

from hallway.errors import HallwayError
from hallway.images.budget import ImageBudget
from hallway.images.errors import (
    ImageDimensionsTooLarge,
    ImageFormatRefused,
    ImageTooComplex,
    ImageUnreadable,
)
from hallway.images.process import ProcessedImage

READY = b"ready"
MAX_HEADER = 64 * 1024
REFUSALS: dict[str, type[HallwayError]] = {
    error.__name__: error
    for error in (ImageUnreadable, ImageFormatRefused, ImageDimensionsTooLarge, ImageTooComplex)
}
"""The errors a worker may refuse an image with: the server raises the same class (same
status, title and detail) for the client."""


@dataclass(frozen=True)
class Failure:
    """The worker could not process the image for a reason of its own (a bug)."""

    description: str


Outcome = ProcessedImage | HallwayError | Failure


def send_task(conn: Connection, data: bytes, budget: ImageBudget) -> None:
    conn.send_bytes(json.dumps(asdict(budget)).encode())
    conn.send_bytes(data)


def receive_task(conn: Connection) -> tuple[bytes, ImageBudget]:
    budget = ImageBudget(**_header(conn))
    return conn.recv_bytes(), budget


def send_outcome(conn: Connection, outcome: Outcome) -> None:
    if isinstance(outcome, ProcessedImage):
        names = list(outcome.renditions)
        header = {"extension": outcome.extension, "content_type": outcome.content_type}
        conn.send_bytes(json.dumps({**header, "renditions": names}).encode())
        for name in names:
            conn.send_bytes(outcome.renditions[name])
    elif isinstance(outcome, HallwayError):
        refusal = {"refused": type(outcome).__name__, "detail": outcome.detail}
        conn.send_bytes(json.dumps(refusal).encode())
    else:
        conn.send_bytes(json.dumps({"failed": outcome.description}).encode())


def receive_outcome(conn: Connection) -> Outcome:
    """The worker's answer; anything but a well-formed one is a Failure."""
    header = _header(conn)
    try:
        if "refused" in header:
            refusal = REFUSALS.get(str(header["refused"]))
            if refusal is None:
                return Failure(f"unknown refusal {header['refused']!r}")
            return refusal(str(header["detail"]))
        if "failed" in header:
            return Failure(str(header["failed"]))
        renditions = {str(name): conn.recv_bytes() for name in header["renditions"]}
        return ProcessedImage(str(header["extension"]), str(header["content_type"]), renditions)
    except (KeyError, TypeError) as exc:
        return Failure(f"malformed answer ({exc!r})")


def _header(conn: Connection) -> dict[str, Any]:
    try:
        header = json.loads(conn.recv_bytes(MAX_HEADER))
    except ValueError as exc:  # not JSON, or not UTF-8
        raise OSError(f"malformed message header ({exc})") from exc
    if not isinstance(header, dict):
        raise OSError("malformed message header (not an object)")
    return header
