"""Tasks declared only for the job tests."""

from __future__ import annotations

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
