"""A small reader for API Blueprint files: groups, resources, actions and each action's first
documented request and response. Enough of the format for the Open Event Server docs; not a
general implementation (no MSON, no data structures, no multiple transaction examples)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
BLUEPRINT_DIR = Path(
    os.environ.get("HALLWAY_BLUEPRINT_DIR") or REPO_ROOT.parent / "shared" / "openevent-api"
)
BLUEPRINT_FILE = BLUEPRINT_DIR / "api_blueprint.apib"

GROUP = re.compile(r"^#\s+Group\s+(?P<name>.+?)\s*$")
# One resource's URI lacks its leading slash (`[v1/attendees/send-receipt]`): read as rooted.
RESOURCE = re.compile(r"^##\s+(?P<name>.+?)\s*\[(?P<uri>/\S*|v1/\S*)\]\s*$")
ACTION = re.compile(r"^###\s+(?P<name>.+?)\s*\[(?P<method>[A-Z]+)(?:\s+(?P<uri>/\S*))?\]\s*$")
PAYLOAD = re.compile(
    r"^\+\s+(?P<kind>Request|Response)(?:\s+(?P<status>\d{3}))?\s*(?:\((?P<media>[^)]*)\))?"
)
SECTION = re.compile(r"^\s+\+\s+(?P<name>Headers|Body|Schema|Attributes)\b")
QUERY_TEMPLATE = re.compile(r"\{\?[^}]*\}")


@dataclass
class Payload:
    """One `+ Request` or `+ Response` block."""

    media_type: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""

    def json(self) -> Any:
        """The body as JSON, or None when there is none; ValueError when it is not JSON."""
        return json.loads(self.body) if self.body.strip() else None

    @property
    def is_jsonapi(self) -> bool:
        return (self.media_type or "").startswith("application/vnd.api+json")


@dataclass
class Transaction:
    """One documented action: its request and the response the docs promise."""

    group: str
    resource: str
    action: str
    method: str
    uri_template: str
    request: Payload
    response: Payload
    id: str = ""

    @property
    def path_template(self) -> str:
        """The URI without its `{?query}` template."""
        return QUERY_TEMPLATE.sub("", self.uri_template)

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"\{(\w+)\}", self.path_template)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(lines: list[str], start: int, marker_indent: int) -> tuple[list[str], int]:
    """Lines after `start` that are blank or indented deeper than the marker."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > marker_indent):
        end += 1
    return lines[start + 1 : end], end


def _dedent(lines: list[str]) -> str:
    filled = [line for line in lines if line.strip()]
    if not filled:
        return ""
    cut = min(_indent(line) for line in filled)
    return "\n".join(line[cut:] for line in lines).strip("\n")


def _payload(header: re.Match[str], content: list[str]) -> Payload:
    payload = Payload(media_type=(header["media"] or "").strip() or None)
    if header["status"]:
        payload.status = int(header["status"])
    sections = [i for i, line in enumerate(content) if SECTION.match(line)]
    if not sections:  # the whole block is the body
        payload.body = _dedent(content)
        return payload
    for index in sections:
        match = SECTION.match(content[index])
        assert match is not None
        inner, _ = _block(content, index, _indent(content[index]))
        if match["name"] == "Headers":
            for line in inner:
                name, sep, value = line.strip().partition(":")
                if sep:
                    payload.headers[name.strip()] = value.strip()
        elif match["name"] == "Body":
            payload.body = _dedent(inner)
    return payload


def _payloads(lines: list[str]) -> tuple[Payload, Payload]:
    """The first request (an empty one when none is written) and the first response."""
    request: Payload | None = None
    response: Payload | None = None
    for index, line in enumerate(lines):
        match = PAYLOAD.match(line)
        if not match:
            continue
        content, _ = _block(lines, index, 0)
        payload = _payload(match, content)
        if match["kind"] == "Request" and request is None and response is None:
            request = payload
        elif match["kind"] == "Response" and response is None:
            response = payload
    return request or Payload(), response or Payload(status=200)


def parse(text: str) -> list[Transaction]:
    """Every action of every group, in document order."""
    lines = text.splitlines()
    transactions: list[Transaction] = []
    group = resource = uri = ""
    heads = [i for i, line in enumerate(lines) if line.startswith("#")] + [len(lines)]
    for start, end in pairwise(heads):
        line = lines[start]
        if match := GROUP.match(line):
            group, resource, uri = match["name"], "", ""
        elif match := RESOURCE.match(line):
            resource, uri = match["name"], "/" + match["uri"].removeprefix("/")
        elif (match := ACTION.match(line)) and group:
            request, response = _payloads(lines[start + 1 : end])
            transactions.append(
                Transaction(
                    group=group,
                    resource=resource,
                    action=match["name"],
                    method=match["method"],
                    uri_template=match["uri"] or uri,
                    request=request,
                    response=response,
                )
            )
        elif line.startswith("# "):  # a top-level heading that is not a group
            group = ""
    _name(transactions)
    return transactions


def _name(transactions: list[Transaction]) -> None:
    """`Group::Action`; a later action of the same name in a group adds its resource."""
    seen: set[str] = set()
    for transaction in transactions:
        key = f"{transaction.group}::{transaction.action}"
        transaction.id = key if key not in seen else f"{key} ({transaction.resource})"
        seen.add(key)


def load(groups: tuple[str, ...]) -> list[Transaction]:
    """The actions of `groups`, read from the shared Blueprint."""
    text = BLUEPRINT_FILE.read_text(encoding="utf-8")
    return [t for t in parse(text) if t.group in groups]
