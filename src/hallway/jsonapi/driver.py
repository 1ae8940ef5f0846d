"""Kept statements run on PostgreSQL's driver directly.

The engine reuses the same statement objects for most reads (statements.py). SQLAlchemy still
does per execution what a reused statement never needs again: its cache key is computed, the
compiled form looked up, an execution context and a result object built. On PostgreSQL a kept
statement is compiled here once, to its SQL, the order of its parameters and the result
processors of its columns (read from the server's description of the statement), and then
runs as a plain `fetch` on the asyncpg connection under the pooled one: the same rows, about a
fifth less CPU per read.

Anything the fast path cannot take as it is — another database, a statement whose SQL depends
on the parameters (expanding IN lists), an engine whose statements are watched (SQL echo,
event listeners) — runs through SQLAlchemy as before.

Several kept statements that do not depend on each other's rows (the includes of one level)
can be read in one round trip (`batch`): one SELECT with a column per statement, the array of
its rows as records (`ARRAY(SELECT ROW(q.*) FROM (...) AS q)`). asyncpg decodes the records'
fields by their types as it decodes plain columns, so only statements whose columns have the
server's built-in types and whose SQL has no literal text (parameters are renumbered) go so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

Processor = Callable[[Any], Any] | None
# Compiled statements kept, by the statement they came from.
KEPT = 1024
# Type ids below this are the server's own (built-in) types.
FIRST_USER_OID = 16384
_PARAMETER = re.compile(r"\$(\d+)")


@dataclass(frozen=True, slots=True)
class Compiled:
    sql: str
    names: tuple[str, ...]
    fixed: Mapping[str, Any]  # values bound in the statement itself (processed)
    binds: Mapping[str, Callable[[Any], Any]]  # processors of the parameters given per call
    types: tuple[Any, ...]  # the SQLAlchemy type of each result column
    results: tuple[Processor, ...] | None  # None until the server described the columns
    builtin: bool = False  # every result column has a built-in type (known once described)


class Driver:
    """The fast path for the statements `keep` was told about."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Select[Any], Compiled | None]] = {}

    def keep(self, stmt: Select[Any]) -> Select[Any]:
        if id(stmt) not in self._kept:
            if len(self._kept) >= KEPT:
                self._kept.clear()
            self._kept[id(stmt)] = (stmt, None)
        return stmt

    def kept(self, stmt: Any) -> bool:
        entry = self._kept.get(id(stmt))
        return entry is not None and entry[0] is stmt

    async def rows(
        self, connection: AsyncConnection, stmt: Select[Any], params: Mapping[str, Any]
    ) -> list[tuple[Any, ...]] | None:
        """The rows, or None when the statement must go through SQLAlchemy."""
        dialect = connection.dialect
        if dialect.name != "postgresql" or dialect.driver != "asyncpg" or _observed(connection):
            return None
        compiled = self._kept[id(stmt)][1] or self._compile(stmt, dialect)
        if compiled is None:
            return None
        args = [self._value(compiled, name, params) for name in compiled.names]
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None
        if compiled.results is None:
            compiled = await self._describe(stmt, compiled, raw, dialect)
        records = await raw.fetch(compiled.sql, *args)
        return _processed(records, compiled.results or ())

    async def batch(
        self, connection: AsyncConnection, reads: Sequence[tuple[Select[Any], Mapping[str, Any]]]
    ) -> list[list[tuple[Any, ...]]] | None:
        """The rows of each read, all read in one round trip; None when they cannot be (see
        the module's docstring): then each goes its own way."""
        dialect = connection.dialect
        if dialect.name != "postgresql" or dialect.driver != "asyncpg" or _observed(connection):
            return None
        if not all(self.kept(stmt) for stmt, _ in reads):
            return None
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None
        parts: list[str] = []
        args: list[Any] = []
        kept: list[Compiled] = []
        for stmt, params in reads:
            compiled = self._kept[id(stmt)][1] or self._compile(stmt, dialect)
            if compiled is None or "'" in compiled.sql:
                return None
            if compiled.results is None:
                compiled = await self._describe(stmt, compiled, raw, dialect)
            if not compiled.builtin:
                return None
            parts.append(_array_of_rows(compiled.sql, len(args), len(parts)))
            args += [self._value(compiled, name, params) for name in compiled.names]
            kept.append(compiled)
        record = await raw.fetchrow("SELECT " + ", ".join(parts), *args)
        assert record is not None
        return [_processed(record[i], compiled.results or ()) for i, compiled in enumerate(kept)]

    def _compile(self, stmt: Select[Any], dialect: Dialect) -> Compiled | None:
        compiled = stmt.compile(dialect=dialect)
        if compiled.literal_execute_params or compiled.post_compile_params:
            self._kept.pop(id(stmt), None)  # its SQL changes with the values
            return None
        names = tuple(compiled.positiontup or ())
        binds = [compiled.binds[name] for name in names]
        if any(bind.callable is not None for bind in binds):
            self._kept.pop(id(stmt), None)  # a value computed at each execution
            return None
        processors: dict[str, Callable[[Any], Any]] = {}
        for name, found in compiled._bind_processors.items():
            if not callable(found):  # tuple parameters: processed per element
                self._kept.pop(id(stmt), None)
                return None
            processors[name] = found
        fixed = {}
        for name, bind in zip(names, binds, strict=True):
            if not bind.required:  # a value of the statement's own, not a parameter
                own = processors.get(name)
                value = bind.value
                fixed[name] = own(value) if own is not None and value is not None else value
        given = {name: processors[name] for name in names if name in processors}
        types = tuple(column[3] for column in compiled._result_columns)
        result = Compiled(compiled.string, names, fixed, given, types, None)
        self._kept[id(stmt)] = (stmt, result)
        return result

    async def _describe(
        self, stmt: Select[Any], compiled: Compiled, raw: Any, dialect: Dialect
    ) -> Compiled:
        """The result processors, from the types the server gives the columns (as SQLAlchemy
        reads them from the cursor's description)."""
        prepared = await raw.prepare(compiled.sql)
        oids = [attribute.type.oid for attribute in prepared.get_attributes()]
        results = tuple(
            type_._cached_result_processor(dialect, oid)
            for type_, oid in zip(compiled.types, oids, strict=True)
        )
        builtin = all(oid < FIRST_USER_OID for oid in oids)
        described = replace(compiled, results=results, builtin=builtin)
        self._kept[id(stmt)] = (stmt, described)
        return described

    @staticmethod
    def _value(compiled: Compiled, name: str, params: Mapping[str, Any]) -> Any:
        if name not in params:
            return compiled.fixed[name]
        value = params[name]
        processor = compiled.binds.get(name)
        return processor(value) if processor is not None and value is not None else value


def _array_of_rows(sql: str, shift: int, index: int) -> str:
    """A compiled statement (values bound, none written in it) as one column: the array of
    its rows as records, its parameters numbered after the `shift` before it."""
    renumbered = _PARAMETER.sub(lambda found: f"${int(found[1]) + shift}", sql)
    return f"ARRAY(SELECT ROW(q.*) FROM ({renumbered}) AS q) AS r{index}"  # noqa: S608


def _observed(connection: AsyncConnection) -> bool:
    """Whether someone watches the statements (SQL echo, listeners such as the tests'
    statement counter): they see every statement, so it goes through SQLAlchemy."""
    engine = connection.sync_engine
    return bool(engine.echo or engine.dispatch.before_cursor_execute)


def _processed(records: Sequence[Any], processors: Sequence[Processor]) -> list[tuple[Any, ...]]:
    if not any(processors):
        return [tuple(record) for record in records]
    pairs = [(i, p) for i, p in enumerate(processors) if p is not None]
    rows = []
    for record in records:
        row = list(record)
        for i, processor in pairs:
            row[i] = processor(row[i])
        rows.append(tuple(row))
    return rows
