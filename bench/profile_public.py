"""The public event page's requests in-process, on the database bench/run_public.sh seeded:
CPU-ms of each per request, the statements each runs, and optionally a profile.

    DATABASE_URL=postgresql://…/hallway_bench_public SECRET_KEY=… \\
        python bench/profile_public.py N PATH [PROFILE.txt]

PATH is one of the paths run_public.sh prints. The request is sent 20 times to warm up, then N
times timed (`time.process_time`), without Accept-Encoding as wrk sends it; with a third
argument, a pyinstrument profile of the timed loop is written there as text."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from httpx import ASGITransport, AsyncClient
from sqlalchemy import event

from hallway.main import create_app

HEADERS = {"Accept-Encoding": "identity"}


async def timed(http: AsyncClient, path: str, count: int, profiling: bool) -> tuple[float, str]:
    profiler = None
    if profiling:
        from pyinstrument import Profiler

        profiler = Profiler(async_mode="enabled", interval=0.0005)
        profiler.start()
    started = time.process_time()
    for _ in range(count):
        await http.get(path)
    spent = time.process_time() - started
    if profiler is None:
        return spent, ""
    profiler.stop()
    return spent, profiler.output_text(unicode=False, color=False)


async def main(count: int, path: str, profiling: bool) -> str:
    app = create_app()
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://b", headers=HEADERS) as http:
            for _ in range(20):
                answer = await http.get(path)
                assert answer.status_code == 200, answer.text
            spent, profile = await timed(http, path, count, profiling)
            statements: list[str] = []
            engine = app.state.db.engine.sync_engine
            record = lambda *args: statements.append(args[2])  # noqa: E731
            event.listen(engine, "before_cursor_execute", record)
            await http.get(path)
            event.remove(engine, "before_cursor_execute", record)
    print(f"{spent * 1000 / count:.2f} CPU-ms per request, {len(answer.content)} bytes")
    print(f"{len(statements)} statements (SQLAlchemy path, as the tests count them)")
    return profile


if __name__ == "__main__":
    text = asyncio.run(main(int(sys.argv[1]), sys.argv[2], len(sys.argv) > 3))
    if text:
        Path(sys.argv[3]).write_text(text)
