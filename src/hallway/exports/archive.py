"""An event's JSON export: a zip with one JSON file per service (see parts.py)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.exports.parts import EVENT, PART_OF_TABLE, PARTS, Part, row_json

Progress = Callable[[int], Awaitable[None]]


async def event_files(
    session: AsyncSession, event_id: int, progress: Progress | None = None
) -> dict[str, Any]:
    """Service name -> its JSON: the event's own object, the others lists of rows."""
    row = (await session.execute(select(EVENT).where(EVENT.c.id == event_id))).mappings().one()
    files: dict[str, Any] = {"event": row_json(EVENT, row)}
    for done, part in enumerate(PARTS, start=1):
        files[part.name] = [
            row_json(part.table, found) for found in await _rows(session, part, event_id)
        ]
        if progress is not None:
            await progress(90 * done // len(PARTS))
    _drop_dangling_links(files)
    return files


def _drop_dangling_links(files: dict[str, Any]) -> None:
    """A link row to a row left out (a deleted session) is left out too."""
    for part in PARTS:
        if part.via is None:
            continue
        targets = {
            column.name: {row["id"] for row in files[PART_OF_TABLE[_target(column)]]}
            for column in part.table.columns
        }
        files[part.name] = [
            row
            for row in files[part.name]
            if all(row[name] in ids for name, ids in targets.items())
        ]


def _target(column: Any) -> str:
    return str(next(iter(column.foreign_keys)).column.table.name)


async def _rows(session: AsyncSession, part: Part, event_id: int) -> list[Any]:
    table: Table = part.table
    if part.via is not None:
        column, owner = part.via
        owner_table = next(found.table for found in PARTS if found.name == owner)
        query = (
            select(table)
            .join(owner_table, owner_table.c.id == table.c[column])
            .where(owner_table.c.event_id == event_id)
            .order_by(*table.primary_key.columns)
        )
    else:
        query = select(table).where(table.c.event_id == event_id).order_by(table.c.id)
        if "deleted_at" in table.c:
            query = query.where(table.c.deleted_at.is_(None))
    return list((await session.execute(query)).mappings())


def zip_files(files: dict[str, Any], media: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{name}.json", json.dumps(content, indent=2, sort_keys=True))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
