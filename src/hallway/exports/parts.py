"""What an event's JSON export holds: one file per service, each the rows of one table that
belong to the event, and how a row's values become JSON and back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Table, TypeDecorator

from hallway.events.models import Event
from hallway.faqs.models import Faq, FaqType
from hallway.forms.models import CustomForm
from hallway.links.models import SocialLink
from hallway.program.models import Microlocation, SessionType, Track
from hallway.sessions.models import Session, Speaker, SpeakersCall, speakers_sessions
from hallway.sponsors.models import Sponsor
from hallway.tickets.models import Tax, Ticket


@dataclass(frozen=True)
class Part:
    """`name.json` holds the rows of `table` that belong to the event; a link table's rows
    belong through `via`: (its column, the part that column names)."""

    name: str
    table: Table
    via: tuple[str, str] | None = None


def _t(model: Any) -> Table:
    table: Table = model.__table__
    return table


EVENT = _t(Event)
# In the order an import creates them: a row comes after the rows it refers to.
PARTS: tuple[Part, ...] = (
    Part("tracks", _t(Track)),
    Part("session_types", _t(SessionType)),
    Part("microlocations", _t(Microlocation)),
    Part("speakers_call", _t(SpeakersCall)),
    Part("sessions", _t(Session)),
    Part("speakers", _t(Speaker)),
    Part("speakers_sessions", speakers_sessions, via=("speaker_id", "speakers")),
    Part("sponsors", _t(Sponsor)),
    Part("social_links", _t(SocialLink)),
    Part("taxes", _t(Tax)),
    Part("tickets", _t(Ticket)),
    Part("custom_forms", _t(CustomForm)),
    Part("faq_types", _t(FaqType)),
    Part("faqs", _t(Faq)),
)
FILES = ("event", *(part.name for part in PARTS))
PART_OF_TABLE = {part.table.name: part.name for part in PARTS}


class BadValue(ValueError):
    """A value in the archive does not fit its column."""


def to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def row_json(table: Table, row: Any) -> dict[str, Any]:
    return {column.name: to_json(row[column.name]) for column in table.columns}


def _python_type(column: Any) -> type | None:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        found: type = kind.python_type
    except NotImplementedError:
        return None
    return found


def from_json(column: Any, value: Any) -> Any:
    """The column's value for a JSON `value`; BadValue when it cannot be one."""
    if value is None:
        return None
    kind = _python_type(column)
    try:
        if kind is datetime:
            return datetime.fromisoformat(_text(value))
        if kind is date:
            return date.fromisoformat(_text(value))
        if kind is Decimal:
            return Decimal(_text(value) if isinstance(value, str) else str(_number(value)))
        if kind is bool:
            return _of(value, bool)
        if kind is int:
            return _of(value, int)
        if kind is float:
            return float(_number(value))
        if kind is str:
            return _text_of(column, value)
    except (ValueError, InvalidOperation) as exc:
        raise BadValue(f"{column.table.name}.{column.name}: {exc}") from None
    return value  # JSON columns take any JSON


def _text_of(column: Any, value: Any) -> str:
    text = str(_of(value, str))
    length = getattr(column.type, "length", None)
    if length is not None and len(text) > length:
        raise ValueError(f"longer than {length} characters")
    return text


def _text(value: Any) -> str:
    return str(_of(value, str))


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{value!r} is not a number")
    return value


def _of(value: Any, kind: type) -> Any:
    if kind is int and isinstance(value, bool):
        raise ValueError(f"{value!r} is not an integer")
    if not isinstance(value, kind):
        raise ValueError(f"{value!r} is not a {kind.__name__}")
    return value
