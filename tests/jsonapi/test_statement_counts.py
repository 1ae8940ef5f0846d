"""Queries are planned: the number of SQL statements does not grow with the number of rows."""

from __future__ import annotations

from sqlalchemy import insert

from tests.jsonapi.toys import Author, Book, Tag, book_tags


async def seed(toy_db, books: int) -> None:
    async with toy_db.sessions() as session, session.begin():
        await session.execute(insert(Tag), [{"id": i, "name": f"tag{i}"} for i in range(1, 4)])
        await session.execute(
            insert(Author),
            [
                {"id": i, "identifier": f"s{i:07d}", "name": f"Author {i}", "owner_id": 1}
                for i in range(1, books + 1)
            ],
        )
        await session.execute(
            insert(Book),
            [{"id": i, "title": f"Book {i}", "author_id": i} for i in range(1, books + 1)],
        )
        await session.execute(
            insert(book_tags),
            [{"book_id": i, "tag_id": t} for i in range(1, books + 1) for t in (1, 2)],
        )


async def statements_for(client, counter, url: str, expected_items: int) -> int:
    with counter:
        response = await client.get(url)
    assert response.status_code == 200
    data = response.json()["data"]
    assert (len(data) if isinstance(data, list) else 1) == expected_items
    return counter.count


async def test_list_with_includes_costs_the_same_for_1_and_20_rows(client, toy_db, counter):
    url = "/v1/books?page[size]=20&include=author.profile,tags.books"
    await seed(toy_db, 1)
    one = await statements_for(client, counter, url, 1)

    await toy_db.engine.dispose()
    async with toy_db.sessions() as session, session.begin():
        for table in (book_tags, Book.__table__, Author.__table__, Tag.__table__):
            await session.execute(table.delete())
    await seed(toy_db, 20)
    twenty = await statements_for(client, counter, url, 20)

    assert one == twenty
    assert twenty <= 6  # the page (count rides along), then one per include path


async def test_plain_list_is_one_statement(client, toy_db, counter):
    await seed(toy_db, 20)

    assert await statements_for(client, counter, "/v1/books?page[size]=20", 20) == 1


async def test_nested_list_and_detail_costs_are_fixed(client, toy_db, counter):
    await seed(toy_db, 20)

    detail = await statements_for(client, counter, "/v1/books/3?include=author,tags", 1)
    nested = await statements_for(client, counter, "/v1/tags/1/books?include=author", 20)

    assert detail <= 3
    assert nested <= 3
