"""Reads keep a few autocommit connections between requests instead of checking one out of the
pool each time: bounded, never in a transaction that would hide other writers' rows, handed
back when the database is disposed."""

from __future__ import annotations

import asyncio

from sqlalchemy import insert

from hallway.jsonapi.connections import held_for, release_held
from tests.jsonapi.toys import Author


def _checked_out(toy_db) -> int:
    return int(toy_db.engine.pool.checkedout())


async def test_sequential_reads_reuse_one_kept_connection(client, toy_db):
    await release_held(toy_db.engine)
    before = _checked_out(toy_db)

    statuses = [(await client.get("/v1/authors")).status_code for _ in range(30)]
    missing = await client.get("/v1/authors/999999")

    assert statuses == [200] * 30 and missing.status_code == 404
    assert _checked_out(toy_db) == before + 1


async def test_a_burst_of_reads_keeps_at_most_half_the_pool(client, toy_db):
    await release_held(toy_db.engine)
    before = _checked_out(toy_db)

    answers = await asyncio.gather(*(client.get("/v1/authors") for _ in range(40)))

    assert {a.status_code for a in answers} == {200}
    keep = held_for(toy_db.engine, 1).keep
    assert len(held_for(toy_db.engine, 1).idle) <= keep
    assert _checked_out(toy_db) - before <= keep


async def test_a_kept_connection_sees_rows_committed_elsewhere(client, toy_db):
    assert (await client.get("/v1/authors")).json()["data"] == []
    async with toy_db.engine.begin() as conn:
        await conn.execute(insert(Author).values(id=7, name="Ann", identifier="ann-7"))

    listed = await client.get("/v1/authors")

    assert [row["id"] for row in listed.json()["data"]] == ["7"]


async def test_disposing_of_the_database_returns_the_kept_connections(client, toy_db):
    await release_held(toy_db.engine)
    before = _checked_out(toy_db)
    await asyncio.gather(*(client.get("/v1/authors") for _ in range(5)))
    assert _checked_out(toy_db) > before

    await release_held(toy_db.engine)

    assert _checked_out(toy_db) == before
