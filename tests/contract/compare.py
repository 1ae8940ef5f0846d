"""Compare an answer with the documented one by shape: status, media type, JSON:API `type`s,
attribute and relationship names (ours may have more), and top-level keys of plain JSON."""

from __future__ import annotations

from typing import Any

from httpx import Response

JSONAPI = "application/vnd.api+json"


def _names(value: Any) -> set[str]:
    return set(value) if isinstance(value, dict) else set()


def _missing(documented: Any, ours: Any, where: str) -> list[str]:
    gone = sorted(_names(documented) - _names(ours))
    return [f"{where} lacks {', '.join(gone)}"] if gone else []


def _resource(documented: dict[str, Any], ours: Any, where: str) -> list[str]:
    """One resource object: its type, attribute names and relationship names."""
    if not isinstance(ours, dict):
        return [f"{where} is {type(ours).__name__}, documented an object"]
    problems: list[str] = []
    if "type" in documented and documented["type"] != ours.get("type"):
        problems.append(f"{where}.type is {ours.get('type')!r}, documented {documented['type']!r}")
    for member in ("attributes", "relationships"):
        if member in documented:
            problems += _missing(documented[member], ours.get(member), f"{where}.{member}")
    problems += _missing(documented, ours, where)
    return problems


def _primary(documented: Any, ours: Any) -> list[str]:
    """`data`: an object, null, or a list compared by its first item."""
    if isinstance(documented, list):
        if not isinstance(ours, list):
            return [f"data is {type(ours).__name__}, documented a list"]
        if not documented:
            return []
        if not ours:
            return ["data is an empty list, documented at least one item"]
        return _resource(documented[0], ours[0], "data[0]")
    if isinstance(documented, dict):
        if ours is None:
            return ["data is null, documented an object"]
        return _resource(documented, ours, "data")
    return []


def _top(documented: dict[str, Any], ours: Any) -> list[str]:
    if not isinstance(ours, dict):
        return [f"body is {type(ours).__name__}, documented an object"]
    problems = _missing(documented, ours, "body")
    if isinstance(documented.get("meta"), dict):
        problems += _missing(documented["meta"], ours.get("meta"), "meta")
    return problems


def media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def compare(
    response: Response, *, status: int, documented_media: str | None, documented: Any
) -> list[str]:
    """Everything in which `response` differs from the documented answer, by shape."""
    problems: list[str] = []
    if response.status_code != status:
        problems.append(
            f"status {response.status_code}, documented {status}: {response.text[:300]}"
        )
        return problems
    want, got = media_type(documented_media), media_type(response.headers.get("content-type"))
    if want and want != got:
        problems.append(f"Content-Type {got or 'none'}, documented {want}")
    if documented is None:
        return problems
    try:
        ours = response.json()
    except ValueError:
        return [*problems, f"body is not JSON: {response.text[:200]!r}"]
    if isinstance(documented, dict):
        problems += _top(documented, ours)
        if want == JSONAPI and "data" in documented and isinstance(ours, dict):
            problems += _primary(documented["data"], ours.get("data"))
    return problems
