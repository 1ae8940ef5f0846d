"""`page[size]` / `page[number]` over HTTP: slices, totals, links, limits and errors."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from httpx import AsyncClient

from tests.jsonapi.conftest import as_user
from tests.jsonapi.helpers import make_author, make_book, make_tag

ADMIN = as_user(9, admin=True)


async def seed_authors(client: AsyncClient, count: int, **attrs: Any) -> list[str]:
    """`count` authors named A01, A02, …; returns their ids in creation (primary key) order."""
    return [(await make_author(client, f"A{i:02d}", **attrs))["id"] for i in range(1, count + 1)]


async def get_page(
    client: AsyncClient, url: str, params: dict[str, Any] | None = None, headers: Any = None
) -> dict[str, Any]:
    response = await client.get(url, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["data"]]


def split(link: str) -> tuple[str, dict[str, str]]:
    """A link's path and its query parameters (each appears once)."""
    parts = urlsplit(link)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    assert len(pairs) == len(dict(pairs)), link
    return parts.path, dict(pairs)


def link_numbers(body: dict[str, Any]) -> dict[str, str | None]:
    """Every link's page[number] (None when the link has none)."""
    return {name: split(link)[1].get("page[number]") for name, link in body["links"].items()}


def assert_bad(response: Any, parameter: str) -> None:
    assert response.status_code == 400, response.text
    errors = response.json()["errors"]
    assert len(errors) == 1
    assert errors[0]["status"] == 400
    assert errors[0]["source"] == {"parameter": parameter}


# -- slices and totals ---------------------------------------------------------------------------
async def test_pagination_default_size_is_twenty(client):
    everyone = await seed_authors(client, 25)
    body = await get_page(client, "/v1/authors")
    assert ids(body) == everyone[:20]
    assert body["meta"] == {"count": 25}
    assert link_numbers(body) == {"self": None, "first": "1", "last": "2", "next": "2"}


@pytest.mark.parametrize(
    ("number", "expected", "links"),
    [
        (1, slice(0, 10), {"self": "1", "first": "1", "last": "3", "next": "2"}),
        (2, slice(10, 20), {"self": "2", "first": "1", "last": "3", "prev": "1", "next": "3"}),
        (3, slice(20, 25), {"self": "3", "first": "1", "last": "3", "prev": "2"}),
    ],
)
async def test_pagination_page_number_selects_slice(client, number, expected, links):
    everyone = await seed_authors(client, 25)
    params = {"page[size]": "10", "page[number]": str(number)}
    body = await get_page(client, "/v1/authors", params)
    assert ids(body) == everyone[expected]
    assert body["meta"]["count"] == 25
    assert link_numbers(body) == links
    for link in body["links"].values():
        path, query = split(link)
        assert path == "/v1/authors"
        assert query["page[size]"] == "10"


@pytest.mark.parametrize("number", [4, 100])
async def test_pagination_page_beyond_end_is_empty_with_count(client, number):
    await seed_authors(client, 25)
    body = await get_page(client, "/v1/authors", {"page[size]": "10", "page[number]": number})
    assert body["data"] == []
    assert body["meta"] == {"count": 25}
    assert "next" not in body["links"]
    assert split(body["links"]["last"])[1]["page[number]"] == "3"


@pytest.mark.parametrize("number", [str(2**62), str(10**20)])
async def test_pagination_huge_page_number_is_empty_or_rejected(client, number):
    await seed_authors(client, 3)
    response = await client.get("/v1/authors", params={"page[size]": "50", "page[number]": number})
    if response.status_code == 200:
        assert response.json()["data"] == []
        assert response.json()["meta"] == {"count": 3}
    else:
        assert_bad(response, "page[number]")


async def test_pagination_beyond_end_with_filter_counts_matches(client):
    await seed_authors(client, 25)
    filter_ = json.dumps([{"name": "name", "op": "like", "val": "A1%"}])
    params = {"filter": filter_, "page[size]": "4", "page[number]": "7"}
    body = await get_page(client, "/v1/authors", params)
    assert body["data"] == []
    assert body["meta"] == {"count": 10}


async def test_pagination_single_page_has_only_self_link(client):
    everyone = await seed_authors(client, 3)
    body = await get_page(client, "/v1/authors")
    assert ids(body) == everyone
    assert body["meta"] == {"count": 3}
    assert body["links"] == {"self": "/v1/authors"}


async def test_pagination_empty_collection_has_zero_count(client):
    body = await get_page(client, "/v1/authors", {"page[size]": "5"})
    assert body["data"] == []
    assert body["meta"] == {"count": 0}
    assert set(body["links"]) == {"self"}


async def test_pagination_exact_multiple_has_no_extra_page(client):
    everyone = await seed_authors(client, 10)
    body = await get_page(client, "/v1/authors", {"page[size]": "5", "page[number]": "2"})
    assert ids(body) == everyone[5:]
    assert link_numbers(body) == {"self": "2", "first": "1", "last": "2", "prev": "1"}


# -- walking every page --------------------------------------------------------------------------
async def walk(client: AsyncClient, url: str, params: dict[str, str], headers: Any = None):
    """Follow `next` links from the first page; return every page's ids and the count seen."""
    pages: list[list[str]] = []
    body = await get_page(client, url, params, headers)
    while True:
        pages.append(ids(body))
        assert len(pages) < 100, "the next links never end"
        if "next" not in body["links"]:
            return pages, body["meta"]["count"]
        body = await get_page(client, body["links"]["next"], headers=headers)


@pytest.mark.parametrize(("size", "pages"), [(1, 23), (3, 8), (7, 4), (23, 1), (50, 1)])
async def test_pagination_walk_covers_set_without_duplicates(client, size, pages):
    everyone = await seed_authors(client, 23)
    walked, count = await walk(client, "/v1/authors", {"page[size]": str(size)})
    flat = [id_ for page in walked for id_ in page]
    assert count == 23
    assert len(walked) == pages
    assert all(len(page) == size for page in walked[:-1])
    assert flat == everyone
    assert len(set(flat)) == len(flat)


async def test_pagination_walk_with_tied_sort_never_overlaps(client):
    created = [
        (await make_author(client, f"N{i:02d}", age=[40, 20, 30][i % 3]))["id"] for i in range(17)
    ]
    age = {id_: [40, 20, 30][i % 3] for i, id_ in enumerate(created)}
    walked, count = await walk(client, "/v1/authors", {"page[size]": "4", "sort": "-age"})
    flat = [id_ for page in walked for id_ in page]
    assert count == 17
    assert len(set(flat)) == len(flat) == 17
    assert flat == sorted(created, key=lambda id_: (-age[id_], int(id_)))


async def test_pagination_links_keep_filter_and_sort(client):
    everyone = await seed_authors(client, 9)
    filter_ = json.dumps([{"name": "name", "op": "ne", "val": "A05"}])
    params = {"filter": filter_, "sort": "-name", "page[size]": "3", "cache": "true"}
    body = await get_page(client, "/v1/authors", {**params, "page[number]": "2"})
    expected = [i for i in reversed(everyone) if i != everyone[4]]
    assert ids(body) == expected[3:6]
    assert body["meta"] == {"count": 8}
    assert link_numbers(body) == {"self": "2", "first": "1", "last": "3", "prev": "1", "next": "3"}
    for link in body["links"].values():
        path, query = split(link)
        assert path == "/v1/authors"
        assert {k: v for k, v in query.items() if k != "page[number]"} == params
    following = await get_page(client, body["links"]["next"])
    assert ids(following) == expected[6:]
    previous = await get_page(client, body["links"]["prev"])
    assert ids(previous) == expected[:3]


# -- page[size]=0 and the maximum ----------------------------------------------------------------
async def test_pagination_size_zero_returns_whole_set(client):
    everyone = await seed_authors(client, 30)
    body = await get_page(client, "/v1/authors", {"page[size]": "0"})
    assert ids(body) == everyone
    assert body["meta"] == {"count": 30}
    assert "next" not in body["links"]
    assert "self" in body["links"]


async def test_pagination_size_zero_over_max_is_400(client):
    everyone = await seed_authors(client, 51)
    response = await client.get("/v1/authors", params={"page[size]": "0"})
    assert_bad(response, "page[size]")
    filter_ = json.dumps([{"name": "name", "op": "ne", "val": "A01"}])
    body = await get_page(client, "/v1/authors", {"page[size]": "0", "filter": filter_})
    assert ids(body) == everyone[1:]
    assert body["meta"] == {"count": 50}


async def test_pagination_size_at_max_is_allowed(client):
    everyone = await seed_authors(client, 51)
    body = await get_page(client, "/v1/authors", {"page[size]": "50"})
    assert ids(body) == everyone[:50]
    assert body["meta"] == {"count": 51}
    assert link_numbers(body)["next"] == "2"
    body = await get_page(client, body["links"]["next"])
    assert ids(body) == everyone[50:]


async def test_pagination_size_over_max_is_400(client):
    await seed_authors(client, 2)
    assert_bad(await client.get("/v1/authors", params={"page[size]": "51"}), "page[size]")


# -- bad parameters ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("page[offset]", "1"),
        ("page[limit]", "5"),
        ("page[cursor]", "abc"),
        ("page[Size]", "5"),
        ("page[size]", "abc"),
        ("page[size]", "1.5"),
        ("page[size]", ""),
        ("page[number]", "two"),
        ("page[number]", "1e2"),
        ("page[number]", ""),
    ],
)
async def test_pagination_bad_key_or_value_is_400(client, key, value):
    await seed_authors(client, 2)
    assert_bad(await client.get("/v1/authors", params={key: value}), key)


@pytest.mark.parametrize(
    "params",
    [
        {"page[size]": "-1"},
        {"page[number]": "0"},
        {"page[number]": "-3"},
        {"page[size]": "5", "page[number]": "0"},
    ],
)
async def test_pagination_negative_size_or_nonpositive_number_is_400(client, params):
    await seed_authors(client, 2)
    response = await client.get("/v1/authors", params=params)
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert error["status"] == 400
    assert error["source"] == {"parameter": "page"}


# -- policy and related collections --------------------------------------------------------------
async def test_pagination_count_respects_read_policy(client):
    visible = await seed_authors(client, 3)
    hidden = [(await make_author(client, f"H{i}", is_hidden=True))["id"] for i in range(2)]
    anonymous = await walk(client, "/v1/authors", {"page[size]": "2"})
    admin = await walk(client, "/v1/authors", {"page[size]": "2"}, ADMIN)
    assert anonymous == ([visible[:2], visible[2:]], 3)
    assert admin == ([visible[:2], [visible[2], hidden[0]], hidden[1:]], 5)


async def test_pagination_related_collection_pages_and_links(client):
    ann, bob = await make_author(client, "Ann"), await make_author(client, "Bob")
    books = [(await make_book(client, ann["id"], f"Book {i}"))["id"] for i in range(5)]
    await make_book(client, bob["id"], "Other")
    url = f"/v1/authors/{ann['id']}/books"
    body = await get_page(client, url, {"page[size]": "2", "page[number]": "2"})
    assert ids(body) == books[2:4]
    assert body["meta"] == {"count": 5}
    assert link_numbers(body) == {"self": "2", "first": "1", "last": "3", "prev": "1", "next": "3"}
    assert {split(link)[0] for link in body["links"].values()} == {url}
    body = await get_page(client, url, {"page[size]": "2", "page[number]": "9"})
    assert body["data"] == []
    assert body["meta"] == {"count": 5}


async def test_pagination_many_to_many_beyond_end_counts_targets(client):
    ann = await make_author(client, "Ann")
    tags = [(await make_tag(client, name))["id"] for name in ("a", "b", "c", "d")]
    book = await make_book(client, ann["id"], "Tagged", tags=tags[:3])
    url = f"/v1/books/{book['id']}/tags"
    body = await get_page(client, url, {"page[size]": "2", "page[number]": "2"})
    assert ids(body) == tags[2:3]
    assert body["meta"] == {"count": 3}
    body = await get_page(client, url, {"page[size]": "2", "page[number]": "5"})
    assert body["data"] == []
    assert body["meta"] == {"count": 3}


async def test_pagination_beyond_end_with_relationship_filter_and_sort(client):
    ann, bob = await make_author(client, "Ann"), await make_author(client, "Bob")
    for i in range(3):
        await make_book(client, ann["id"], f"Ann {i}")
        await make_book(client, bob["id"], f"Bob {i}")
    bob_only = {"name": "author", "op": "has", "val": {"name": "name", "op": "eq", "val": "Bob"}}
    filter_ = json.dumps([bob_only])
    params = {"filter": filter_, "sort": "-author.name", "page[size]": "2"}
    body = await get_page(client, "/v1/books", {**params, "page[number]": "2"})
    assert [item["attributes"]["title"] for item in body["data"]] == ["Bob 2"]
    assert body["meta"] == {"count": 3}
    body = await get_page(client, "/v1/books", {**params, "page[number]": "3"})
    assert body["data"] == []
    assert body["meta"] == {"count": 3}
