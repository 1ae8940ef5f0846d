"""The schema's state for the health checks, without Alembic (about 13 MB a server would keep).

The newest revision is read from the migration files' `revision` and `down_revision`
assignments (a head is a revision no other one follows), the applied one from Alembic's
`alembic_version` table, and the schema is compared with the models by name: every table and
column of the models must exist. `hallway.migrate` (Alembic's full comparison, types
included) is what the test suite runs against a migrated database.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection

VERSIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
VERSION_TABLE = "alembic_version"
_ASSIGNED = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([0-9A-Za-z_]+)[\"']")
# Every (table, column) of the database's schema, in one query.
_COLUMNS = {
    "sqlite": "select m.name, p.name from sqlite_master m join pragma_table_info(m.name) p"
    " where m.type = 'table'",
    "postgresql": "select table_name, column_name from information_schema.columns"
    " where table_schema = current_schema()",
}


@cache
def head_revisions(versions: Path = VERSIONS) -> frozenset[str]:
    """The revisions no migration follows (one, unless branches were left unmerged)."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in versions.glob("*.py"):
        for name, value in _ASSIGNED.findall(path.read_text(encoding="utf-8")):
            (revisions if name == "revision" else followed).update(_QUOTED.findall(value))
    return frozenset(revisions - followed)


def _schema(connection: Connection) -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    for table, column in connection.execute(text(_COLUMNS[connection.dialect.name])):
        tables.setdefault(table, set()).add(column)
    return tables


def schema_state(connection: Connection, metadata: MetaData) -> tuple[frozenset[str], list[str]]:
    """The applied revisions (none when never migrated), and the models' tables and columns
    the database lacks (when it is at a revision)."""
    schema = _schema(connection)
    if VERSION_TABLE not in schema:
        return frozenset(), []
    rows = connection.execute(text(f"select version_num from {VERSION_TABLE}"))  # noqa: S608
    applied = frozenset(row[0] for row in rows)
    missing: list[str] = []
    for table in metadata.sorted_tables:
        columns = schema.get(table.name)
        if columns is None:
            missing.append(table.name)
        else:
            missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in columns]
    return applied, missing
