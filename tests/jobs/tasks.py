"""Tasks declared only for the job tests."""

from __future__ import annotations

import asyncio

from hallway.jobs import JobContext, task


class ToyFailure(RuntimeError):
    pass


@task("testing.add")
async def add(ctx: JobContext, a: int, b: int) -> dict[str, int]:
    return {"sum": a + b}


@task("testing.explode")
async def explode(ctx: JobContext) -> None:
    raise ToyFailure("secret-token-123")


ticks: list[int] = []


@task("testing.tick")
async def tick(ctx: JobContext) -> int:
    ticks.append(len(ticks))
    return len(ticks)


# How many `testing.overlap` runs are under way, and the most there ever were at once.
overlap = {"now": 0, "most": 0}


@task("testing.overlap")
async def overlapping(ctx: JobContext) -> None:
    overlap["now"] += 1
    overlap["most"] = max(overlap["most"], overlap["now"])
    try:
        await asyncio.sleep(0.02)
    finally:
        overlap["now"] -= 1
