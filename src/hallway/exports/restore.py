"""Importing an event's JSON export: the zip is read with caps (size, ratio, names, types),
then the event is made as a draft of the importer with everything in it, in the caller's
transaction. Any problem raises ImportProblem, with a message for the importer."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.copies.service import RESET
from hallway.events.models import Event
from hallway.exports.parts import EVENT, FILES, PART_OF_TABLE, PARTS, BadValue, Part, from_json
from hallway.roles.models import Role, UsersEventsRoles

MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 2000
Progress = Callable[[int], Awaitable[None]]
# Columns an import never takes from the archive.
NOT_TAKEN = frozenset({"identifier", "deleted_at"})
# The event's classification: kept when this server has the same ids, else dropped.
TAXONOMY = ("event_type_id", "event_topic_id", "event_sub_topic_id")


class ImportProblem(ValueError):
    """The archive cannot be imported; the message says why."""


def read_archive(data: bytes) -> dict[str, Any]:
    """The JSON of each service in the zip, checked against the caps before anything is
    unpacked: a zip bomb, a path outside the archive, a missing file or a file that is not
    the JSON it should be are refused."""
    if len(data) > MAX_ZIP_BYTES:
        raise ImportProblem(f"The archive is over {MAX_ZIP_BYTES} bytes")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ImportProblem(f"The file is not a zip archive ({exc})") from None
    wanted = _check_members(members)
    files: dict[str, Any] = {}
    for name in FILES:
        info = wanted.get(name)
        if info is None:
            raise ImportProblem(f"The archive has no {name}.json")
        files[name] = _load(archive, info, name)
    return files


def _check_members(members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    if len(members) > MAX_MEMBERS:
        raise ImportProblem(f"The archive holds more than {MAX_MEMBERS} files")
    total = sum(info.file_size for info in members)
    if total > MAX_UNZIPPED_BYTES:
        raise ImportProblem(f"The archive unpacks to more than {MAX_UNZIPPED_BYTES} bytes")
    wanted: dict[str, zipfile.ZipInfo] = {}
    for info in members:
        name = info.filename
        if (
            name.startswith(("/", "\\"))
            or ".." in name.replace("\\", "/").split("/")
            or ":" in name
        ):
            raise ImportProblem(f"The archive holds a file outside itself: {name!r}")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise ImportProblem(f"{name} is compressed more than {MAX_RATIO} times")
        if name.endswith(".json") and name[:-5] in FILES:
            wanted[name[:-5]] = info
    return wanted


def _load(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Any:
    with archive.open(info) as stream:
        raw = stream.read(info.file_size + 1)
    if len(raw) > info.file_size:
        raise ImportProblem(f"{name}.json is larger than the archive says")
    try:
        content = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise ImportProblem(f"{name}.json is not JSON") from None
    shape = dict if name == "event" else list
    if not isinstance(content, shape) or (
        shape is list and not all(isinstance(row, dict) for row in content)
    ):
        expected = "an object" if shape is dict else "a list of objects"
        raise ImportProblem(f"{name}.json is not {expected}")
    return content


async def restore(
    session: AsyncSession,
    files: dict[str, Any],
    user_id: int,
    new_identifier: str,
    progress: Progress | None = None,
) -> int:
    """The id of the new draft event, its owner `user_id`; everything flushed, not committed."""
    try:
        event_id = await _restore_event(session, files["event"], user_id, new_identifier)
        ids: dict[str, dict[Any, int]] = {}
        for done, part in enumerate(PARTS, start=1):
            ids[part.name] = await _restore_part(session, part, files[part.name], event_id, ids)
            if progress is not None:
                await progress(10 + 85 * done // len(PARTS))
    except BadValue as exc:
        raise ImportProblem(f"A value does not fit: {exc}") from None
    return event_id


async def _restore_event(
    session: AsyncSession, row: dict[str, Any], user_id: int, identifier: str
) -> int:
    values = _values(EVENT, row, {"events": {}})
    values.update(RESET)
    values.update(identifier=identifier, created_at=datetime.now(UTC), group_id=None)
    for column in TAXONOMY:
        values[column] = await _existing(session, EVENT.c[column], values.get(column))
    for column in ("name", "starts_at", "ends_at", "timezone"):
        if values.get(column) is None:
            raise ImportProblem(f"event.json has no {column}")
    event = Event(**values)
    session.add(event)
    await session.flush()
    owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
    session.add(UsersEventsRoles(event_id=event.id, user_id=user_id, role_id=owner))
    await session.flush()
    return event.id


async def _restore_part(
    session: AsyncSession,
    part: Part,
    rows: list[dict[str, Any]],
    event_id: int,
    ids: dict[str, dict[Any, int]],
) -> dict[Any, int]:
    table: Table = part.table
    made: dict[Any, int] = {}
    known = {**ids, "events": {}}
    for row in rows:
        values = _values(table, row, known)
        if "event_id" in table.c:
            values["event_id"] = event_id
        if part.name == "tickets":
            values["reserved"] = 0
        if part.name == "speakers_call":
            values["hash"] = None
        if "id" not in table.c:
            await session.execute(insert(table).values(**values))
            continue
        new_id = (
            await session.execute(insert(table).values(**values).returning(table.c.id))
        ).scalar_one()
        made[_key(table, "id", row.get("id"))] = new_id
    return made


async def _existing(session: AsyncSession, column: Any, value: Any) -> Any:
    """A taxonomy id of the archive when this server has it, else None."""
    if value is None:
        return None
    target = next(iter(column.foreign_keys)).column
    found = await session.scalar(select(target).where(target == value))
    return found


def _values(table: Table, row: dict[str, Any], ids: dict[str, dict[Any, int]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        if (column.primary_key and column.name == "id") or column.name in NOT_TAKEN:
            continue
        if column.foreign_keys:
            values[column.name] = _reference(table, column, row.get(column.name), ids)
            continue
        if column.name in row:
            values[column.name] = from_json(column, row[column.name])
    return values


def _key(table: Table, name: str, value: Any) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | str)):
        raise ImportProblem(f"{table.name}.{name}: {value!r} is not an id")
    return value


def _reference(table: Table, column: Any, value: Any, ids: dict[str, dict[Any, int]]) -> Any:
    """A reference to a row of the archive becomes the new row's id; one to anything else
    (a user, a video stream) is dropped; one to a row the archive does not hold is refused."""
    target = str(next(iter(column.foreign_keys)).column.table.name)
    part = PART_OF_TABLE.get(target)
    if target == "events" and column.name == "event_id":
        return None  # set by the caller
    if column.name in TAXONOMY:
        return from_json(column, value)
    if part is None:
        return None
    found = None if value is None else ids.get(part, {}).get(_key(table, column.name, value))
    if found is None and (value is not None or not column.nullable):
        raise ImportProblem(f"{table.name}.{column.name} refers to {value!r}, not in the archive")
    return found
