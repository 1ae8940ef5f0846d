"""A mail ready to send, and its attachments."""

from __future__ import annotations

import base64
from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes

    def to_json(self) -> dict[str, str]:
        encoded = base64.b64encode(self.content).decode("ascii")
        return {"filename": self.filename, "content_type": self.content_type, "content": encoded}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Attachment:
        return cls(data["filename"], data["content_type"], base64.b64decode(data["content"]))


@dataclass(frozen=True)
class Message:
    sender: str
    to: str
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()
