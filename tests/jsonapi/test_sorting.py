"""`sort=` over HTTP: several keys, directions, the primary-key tie-breaker, one relationship
level, and the 400s for everything that is not declared."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from httpx import AsyncClient

from tests.jsonapi.helpers import make_author, make_book, make_tag

# name, age, rating, born_at: ties on every column, no nulls (null ordering is engine-specific).
AUTHORS = [
    ("Cara", 30, 2.0, "1990-05-01T00:00:00Z"),
    ("Abel", 40, 5.0, "1985-01-01T00:00:00Z"),
    ("Dora", 30, 3.5, "2000-12-31T23:00:00Z"),
    ("Bert", 20, 3.5, "1970-07-07T07:07:07Z"),
    ("Abel", 30, 1.0, "1995-03-03T03:03:03+02:00"),
    ("Erik", 20, 2.0, "1990-05-01T00:00:00Z"),
]
# title, author index, pages
BOOKS = [
    ("Kappa", 0, 300),
    ("Alpha", 1, 120),
    ("Omega", 2, 300),
    ("Delta", 1, 80),
    ("Gamma", 4, 300),
    ("Beta", 3, 120),
    ("Zeta", 0, 50),
]


@pytest.fixture
async def authors(client: AsyncClient) -> list[dict[str, Any]]:
    """The authors as rows (id, name, age, rating, born) in primary-key order."""
    rows = []
    for name, age, rating, born in AUTHORS:
        made = await make_author(client, name, age=age, rating=rating, born_at=born)
        rows.append({"id": made["id"], "name": name, "age": age, "rating": rating, "born": born})
    return rows


@pytest.fixture
async def books(client: AsyncClient, authors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for title, author, pages in BOOKS:
        made = await make_book(client, authors[author]["id"], title, pages=pages)
        rows.append({"id": made["id"], "title": title, "pages": pages, "author": authors[author]})
    return rows


def value(row: dict[str, Any], name: str) -> Any:
    """What the database sorts `row` by for the sort key `name` (born_at compared in UTC)."""
    if name.startswith("author."):
        return value(row["author"], name.partition(".")[2])
    if name == "born_at":
        return datetime.fromisoformat(row["born"].replace("Z", "+00:00")).astimezone(UTC)
    if name == "id":
        return int(row["id"])
    return row[name]


def expected_order(rows: list[dict[str, Any]], sort: str) -> list[str]:
    """Ids ordered as `sort` says, with the primary key ascending as the final tie-breaker."""
    ordered = sorted(rows, key=lambda row: int(row["id"]))
    for raw in reversed(sort.split(",")):
        name = raw.lstrip("-").replace("-", "_")
        ordered.sort(key=lambda row, n=name: value(row, n), reverse=raw.startswith("-"))
    return [row["id"] for row in ordered]


async def sorted_ids(client: AsyncClient, path: str, sort: str, **params: str) -> list[str]:
    response = await client.get(path, params={"sort": sort, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    if "page[size]" not in params:
        assert body["meta"]["count"] == len(body["data"])
    return [item["id"] for item in body["data"]]


def assert_sort_error(response: Any) -> None:
    assert response.status_code == 400, response.text
    errors = response.json()["errors"]
    assert len(errors) == 1
    assert errors[0]["status"] == 400
    assert errors[0]["source"] == {"parameter": "sort"}


# -- one resource --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sort",
    [
        "name",
        "-name",
        "age",
        "-age",
        "rating",
        "-rating",
        "born_at",
        "-born_at",
        "born-at",
        "-born-at",
        "age,name",
        "age,-name",
        "-age,name",
        "-age,-name",
        "name,-age",
        "-rating,age",
        "rating,-born-at",
        "age,rating,name",
        "id",
        "-id",
        "name,-id",
    ],
)
async def test_sort_authors_orders_by_keys(client, authors, sort):
    expected = expected_order(authors, sort)
    assert await sorted_ids(client, "/v1/authors", sort) == expected


async def test_sort_ties_break_by_primary_key_ascending(client, authors):
    ids = [row["id"] for row in authors]
    # ages 30, 40, 30, 20, 30, 20 in creation order
    assert await sorted_ids(client, "/v1/authors", "age") == [
        ids[3], ids[5], ids[0], ids[2], ids[4], ids[1],
    ]  # fmt: skip
    assert await sorted_ids(client, "/v1/authors", "-age") == [
        ids[1], ids[0], ids[2], ids[4], ids[3], ids[5],
    ]  # fmt: skip
    assert await sorted_ids(client, "/v1/authors", "-name") == [
        ids[5], ids[2], ids[0], ids[3], ids[1], ids[4],
    ]  # fmt: skip


async def test_sort_dashes_and_underscores_agree(client, authors):
    dashed = await sorted_ids(client, "/v1/authors", "-born-at,name")
    underscored = await sorted_ids(client, "/v1/authors", "-born_at,name")
    assert dashed == underscored == expected_order(authors, "-born_at,name")


async def test_sort_with_spaces_and_empty_keys_is_tolerated(client, authors):
    assert await sorted_ids(client, "/v1/authors", "age, -name,") == expected_order(
        authors, "age,-name"
    )


async def test_sort_keeps_order_across_pages(client, authors):
    expected = expected_order(authors, "-rating,name")
    pages = [
        await sorted_ids(client, "/v1/authors", "-rating,name", **{"page[size]": "4"}),
        await sorted_ids(
            client, "/v1/authors", "-rating,name", **{"page[size]": "4", "page[number]": "2"}
        ),
    ]
    assert pages == [expected[:4], expected[4:]]


async def test_sort_tags_descending(client):
    tags = {name: (await make_tag(client, name))["id"] for name in ("mid", "alpha", "zulu")}
    assert await sorted_ids(client, "/v1/tags", "-name") == [
        tags["zulu"],
        tags["mid"],
        tags["alpha"],
    ]


# -- through a to-one relationship ---------------------------------------------------------------
@pytest.mark.parametrize(
    "sort",
    [
        "author.name",
        "-author.name",
        "author.name,title",
        "-author.name,-title",
        "author.name,-pages",
        "author.age,-author.name",
        "-author.age,pages,title",
        "author.rating,author.name",
        "author.born-at",
        "-author.born_at",
        "pages,-author.name",
        "-pages,author.age,title",
    ],
)
async def test_sort_books_through_author(client, books, sort):
    assert await sorted_ids(client, "/v1/books", sort) == expected_order(books, sort)


async def test_sort_through_author_with_filter_and_include(client, books):
    filter_ = json.dumps([{"name": "author__age", "op": "ge", "val": 30}])
    response = await client.get(
        "/v1/books", params={"sort": "-author.name,title", "filter": filter_, "include": "author"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    kept = [row for row in books if row["author"]["age"] >= 30]
    assert [item["id"] for item in body["data"]] == expected_order(kept, "-author.name,title")
    assert body["meta"]["count"] == len(kept)
    assert sorted(item["id"] for item in body["included"]) == sorted(
        {row["author"]["id"] for row in kept}
    )


async def test_sort_related_collection(client, books, authors):
    cara = authors[0]["id"]
    own = [row for row in books if row["author"]["id"] == cara]
    assert await sorted_ids(client, f"/v1/authors/{cara}/books", "-pages") == expected_order(
        own, "-pages"
    )
    assert await sorted_ids(client, f"/v1/authors/{cara}/books", "title") == expected_order(
        own, "title"
    )


# -- errors --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("/v1/authors", "email"),
        ("/v1/authors", "-email"),
        ("/v1/authors", "identifier"),
        ("/v1/authors", "is_hidden"),
        ("/v1/authors", "owner_id"),
        ("/v1/authors", "nope"),
        ("/v1/authors", "name,nope"),
        ("/v1/authors", "-"),
        ("/v1/authors", "display-name"),
        ("/v1/authors", "books.title"),
        ("/v1/authors", "-books.title"),
        ("/v1/authors", "profile.bio"),
        ("/v1/authors", "nope.name"),
        ("/v1/authors", "name.name"),
        ("/v1/authors", "agent.name"),
        ("/v1/authors", "reviews.id"),
        ("/v1/books", "tags.name"),
        ("/v1/books", "-tags.name"),
        ("/v1/books", "author"),
        ("/v1/books", "author_id"),
        ("/v1/books", "author.email"),
        ("/v1/books", "author.nope"),
        ("/v1/books", "author."),
        ("/v1/books", "author.books.title"),
        ("/v1/books", "title,author.identifier"),
        ("/v1/tags", "books.title"),
        ("/v1/profiles", "bio"),
    ],
)
async def test_sort_undeclared_or_to_many_is_400(client, books, path, sort):
    assert_sort_error(await client.get(path, params={"sort": sort}))


async def test_sort_error_on_related_collection_checks_target(client, books, authors):
    url = f"/v1/authors/{authors[0]['id']}/books"
    assert_sort_error(await client.get(url, params={"sort": "name"}))
    assert_sort_error(await client.get(url, params={"sort": "tags.name"}))
