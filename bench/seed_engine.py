"""Recreate the toy tables in the bench database and fill them with realistic data.

uv run python bench/seed_engine.py   # 200 authors, ~1,000 books, 20 tags, 100 profiles
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from tests.jsonapi.toys import Author, Book, Profile, Tag, ToyBase, book_tags  # noqa: E402

from hallway.config import normalize_database_url  # noqa: E402
from hallway.db import Database  # noqa: E402

DEFAULT_URL = "postgresql://hallway:hallway@127.0.0.1/hallway_bench"
AUTHORS, BOOKS_PER_AUTHOR, TAGS = 200, 5, 20


def rows() -> dict[str, list[dict[str, object]]]:
    rnd = random.Random(42)
    epoch = datetime(1950, 1, 1, tzinfo=UTC)
    tags = [{"id": i, "name": f"tag-{i:02d}"} for i in range(1, TAGS + 1)]
    authors, books, links, profiles = [], [], [], []
    for a in range(1, AUTHORS + 1):
        authors.append(
            {
                "id": a,
                "identifier": f"a{a:07x}",
                "name": f"Author {a:03d}",
                "email": f"author{a}@example.org" if a % 7 else None,
                "age": rnd.randint(20, 90),
                "rating": round(rnd.uniform(1, 5), 2),
                "is_hidden": False,
                "born_at": epoch + timedelta(days=rnd.randint(0, 20000)),
                "owner_id": a,
            }
        )
        if a % 2:
            profiles.append({"id": a, "author_id": a, "bio": f"Author {a} writes. " * 8})
        for _ in range(BOOKS_PER_AUTHOR):
            b = len(books) + 1
            books.append(
                {
                    "id": b,
                    "title": f"Book {b:04d} by author {a}",
                    "pages": rnd.randint(80, 900),
                    "published_at": epoch + timedelta(days=rnd.randint(10000, 27000)),
                    "author_id": a,
                }
            )
            for t in rnd.sample(range(1, TAGS + 1), rnd.randint(1, 3)):
                links.append({"book_id": b, "tag_id": t})
    return {"authors": authors, "tags": tags, "books": books, "links": links, "profiles": profiles}


async def main() -> None:
    url = normalize_database_url(os.environ.get("DATABASE_URL", DEFAULT_URL))
    db = Database(url)
    data = rows()
    async with db.engine.begin() as conn:
        await conn.run_sync(ToyBase.metadata.drop_all)
        await conn.run_sync(ToyBase.metadata.create_all)
        for model, key in (
            (Author, "authors"),
            (Tag, "tags"),
            (Book, "books"),
            (book_tags, "links"),
            (Profile, "profiles"),
        ):
            table = getattr(model, "__table__", model)
            await conn.execute(insert(table), data[key])
        for table in ToyBase.metadata.sorted_tables:  # our own table names, not input
            if "id" in table.c:
                sql = f"select setval(pg_get_serial_sequence('{table.name}', 'id'), max(id)) "
                await conn.exec_driver_sql(sql + f"from {table.name}")
            await conn.exec_driver_sql(f"analyze {table.name}")
    await db.dispose()
    print(", ".join(f"{len(v)} {k}" for k, v in data.items()))


if __name__ == "__main__":
    asyncio.run(main())
