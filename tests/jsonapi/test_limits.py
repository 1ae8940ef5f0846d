"""What one request may ask for: the body cap (413, before the body is read) and the bounds on
include, filter, sort and fields[] (400 naming the parameter), with values at each limit served."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from hallway.db import Database
from hallway.jsonapi.limits import (
    MAX_FIELDS,
    MAX_FILTER_DEPTH,
    MAX_FILTER_LENGTH,
    MAX_FILTER_NODES,
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDE_PATHS,
    MAX_SORT_KEYS,
)
from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, app, login, make_user, settings, smtp  # noqa: F401
from tests.conftest import client_for
from tests.jsonapi.conftest import as_user, doc
from tests.jsonapi.helpers import make_author, make_book
from tests.jsonapi.toys import Author
from tests.uploads.samples import PDF

CAP = 1_000_000  # the default max_body_bytes
CHUNK = 64 * 1024


@pytest.fixture
async def site(app: FastAPI) -> AsyncIterator[AsyncClient]:  # noqa: F811
    """A client of the real application (the toy `client` serves only the toy resources)."""
    async with client_for(app) as http:
        yield http


def padded(body: dict[str, Any], size: int) -> bytes:
    """`body` as JSON, padded with trailing whitespace (still valid JSON) to exactly `size`."""
    raw = json.dumps(body).encode()
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


class Chunks:
    """A streamed body (sent chunked unless a Content-Length is given), counting how many of
    its chunks were taken."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.taken = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.total):
            self.taken += 1
            yield b" " * CHUNK


def assert_too_large(response: Response) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == JSONAPI
    error = response.json()["errors"][0]
    assert error["status"] == 413
    assert error["title"] == "Payload too large"
    assert error["detail"] == f"The request body may be at most {CAP} bytes"


async def count(db: Database, model: Any) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def signup(email: str) -> dict[str, Any]:
    return {"data": {"type": "user", "attributes": {"email": email, "password": PASSWORD}}}


# -- request bodies ------------------------------------------------------------------------------
async def test_a_sign_up_over_the_cap_is_refused_and_creates_nobody(
    site: AsyncClient, app_db: Database
) -> None:
    body = padded(signup("big@example.com"), CAP + 1)

    response = await site.post("/v1/users", content=body, headers={"Content-Type": JSONAPI})

    assert_too_large(response)
    assert await count(app_db, User) == 0


async def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read(
    site: AsyncClient, app_db: Database
) -> None:
    body = Chunks(4)
    headers = {"Content-Type": JSONAPI, "Content-Length": str(300 * CAP)}

    response = await site.post("/v1/users", content=body, headers=headers)

    assert_too_large(response)
    assert response.headers["connection"] == "close"
    assert body.taken == 0
    assert await count(app_db, User) == 0


async def test_a_sign_up_at_the_cap_is_served(site: AsyncClient, app_db: Database) -> None:
    body = padded(signup("roomy@example.com"), CAP)

    response = await site.post("/v1/users", content=body, headers={"Content-Type": JSONAPI})

    assert response.status_code == 201, response.text
    assert response.json()["data"]["attributes"]["email"] == "roomy@example.com"
    assert await count(app_db, User) == 1


@pytest.mark.parametrize(("size", "status"), [(CAP, 201), (CAP + 1, 413)])
async def test_a_document_is_served_up_to_the_cap_and_refused_past_it(
    client: AsyncClient, toy_db: Database, size: int, status: int
) -> None:
    body = padded(doc("author", {"name": "Ann"}), size)

    response = await client.post("/v1/authors", content=body, headers=as_user(1))

    assert response.status_code == status, response.text
    assert await count(toy_db, Author) == (1 if status == 201 else 0)


async def test_a_chunked_document_is_cut_off_once_past_the_cap(
    client: AsyncClient, toy_db: Database
) -> None:
    body = Chunks(200)  # 12.5 MB

    response = await client.post("/v1/authors", content=body, headers=as_user(1))

    assert_too_large(response)
    assert body.taken <= CAP // CHUNK + 1
    assert await count(toy_db, Author) == 0


async def test_a_chunked_login_over_the_cap_is_refused(site: AsyncClient) -> None:
    body = Chunks(40)

    response = await site.post("/auth/session", content=body)

    assert_too_large(response)
    assert body.taken <= CAP // CHUNK + 1


async def test_a_login_over_the_cap_is_refused_as_a_document(site: AsyncClient) -> None:
    response = await site.post("/auth/session", content=b" " * (CAP + 1))

    assert_too_large(response)


async def test_a_login_body_over_its_own_smaller_cap_is_refused_in_the_auth_error_form(
    site: AsyncClient, app_db: Database
) -> None:
    await make_user(app_db, "ann@example.com")
    credentials = {"email": "ann@example.com", "password": PASSWORD}

    refused = await site.post("/auth/session", content=padded(credentials, 64 * 1024 + 1))
    served = await site.post("/auth/session", content=padded(credentials, 64 * 1024))

    assert refused.status_code == 413, refused.text
    assert refused.json() == {"error": "The request body may be at most 65536 bytes"}
    assert served.status_code == 200, served.text
    assert served.json()["access_token"]


async def test_an_upload_larger_than_the_body_cap_is_accepted(
    site: AsyncClient, app_db: Database
) -> None:
    await make_user(app_db, "uploader@example.com")
    auth = {"Authorization": f"JWT {await login(site, 'uploader@example.com')}"}
    pdf = PDF + bytes(3 * CAP // 2)

    response = await site.post(
        "/v1/upload/files", files=[("file", ("big.pdf", pdf, "application/pdf"))], headers=auth
    )

    assert response.status_code == 200, response.text
    assert response.json()["url"].endswith("/big.pdf")


# -- query parameters ----------------------------------------------------------------------------
async def refused(
    client: AsyncClient, path: str, parameter: str, limit: int, **params: str
) -> None:
    """A 400 naming the parameter, with the limit in its detail."""
    response = await client.get(path, params=params)
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["source"] == {"parameter": parameter}
    assert f"at most {limit} " in error["detail"]


async def served(client: AsyncClient, path: str, **params: str) -> dict[str, Any]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


INCLUDES = ("books", "profile", "books.tags", "books.author", "reviews")


async def test_include_may_list_up_to_its_limit_of_paths(client: AsyncClient) -> None:
    await make_author(client, "Ann")
    at_limit = ",".join(INCLUDES[i % len(INCLUDES)] for i in range(MAX_INCLUDE_PATHS))

    body = await served(client, "/v1/authors", include=at_limit)

    assert body["data"][0]["attributes"]["name"] == "Ann"
    await refused(client, "/v1/authors", "include", MAX_INCLUDE_PATHS, include=at_limit + ",books")


async def test_include_paths_may_be_as_deep_as_the_limit(client: AsyncClient) -> None:
    await make_author(client, "Ann")
    segments = ["books", "author"] * MAX_INCLUDE_DEPTH
    deepest = ".".join(segments[:MAX_INCLUDE_DEPTH])

    await served(client, "/v1/authors", include=deepest)
    too_deep = ".".join(segments[: MAX_INCLUDE_DEPTH + 1])
    await refused(client, "/v1/authors", "include", MAX_INCLUDE_DEPTH, include=too_deep)
    endless = ".".join(["books", "author"] * 500)
    await refused(client, "/v1/authors", "include", MAX_INCLUDE_DEPTH, include=endless)


def nested(depth: int) -> dict[str, Any]:
    """`depth` filter objects, each but the innermost an `and` around the next."""
    node: dict[str, Any] = {"name": "name", "op": "eq", "val": "Ann"}
    for _ in range(depth - 1):
        node = {"and": [node]}
    return node


def negated(depth: int) -> str:
    """`depth` filter objects, each but the innermost a `not` around the next, as JSON text
    (too deep for the json module to write)."""
    leaf = json.dumps({"name": "name", "op": "eq", "val": "Ann"})
    return "[" + '{"not":' * (depth - 1) + leaf + "}" * (depth - 1) + "]"


def through_relationships(depth: int) -> dict[str, Any]:
    """`depth` filter objects on books: `author has (books any (author has (…)))` around a
    test of the id."""
    steps = (("author", "has"), ("books", "any"))
    node: dict[str, Any] = {"name": "id", "op": "ge", "val": 1}
    for level in reversed(range(depth - 1)):
        name, op = steps[level % 2]
        node = {"name": name, "op": op, "val": node}
    return node


async def test_filters_may_nest_as_deep_as_the_limit(client: AsyncClient) -> None:
    await make_author(client, "Ann")
    await make_author(client, "Bob")

    body = await served(client, "/v1/authors", filter=json.dumps([nested(MAX_FILTER_DEPTH)]))

    assert [item["attributes"]["name"] for item in body["data"]] == ["Ann"]
    for too_deep in (json.dumps([nested(MAX_FILTER_DEPTH + 1)]), negated(1_000)):
        await refused(client, "/v1/authors", "filter", MAX_FILTER_DEPTH, filter=too_deep)


async def test_nested_filters_through_relationships_count_towards_the_depth(
    client: AsyncClient,
) -> None:
    author = await make_author(client, "Ann")
    await make_book(client, author["id"], "Alpha")

    body = await served(
        client, "/v1/books", filter=json.dumps(through_relationships(MAX_FILTER_DEPTH))
    )

    assert [item["attributes"]["title"] for item in body["data"]] == ["Alpha"]
    deeper = json.dumps(through_relationships(MAX_FILTER_DEPTH + 1))
    await refused(client, "/v1/books", "filter", MAX_FILTER_DEPTH, filter=deeper)


async def test_a_filter_may_hold_up_to_its_limit_of_objects(client: AsyncClient) -> None:
    await make_author(client, "Ann")
    await make_author(client, "Bob")
    leaves = [{"name": "name", "op": "ne", "val": f"x{i}"} for i in range(MAX_FILTER_NODES - 2)]
    at_limit = [{"or": [{"name": "name", "op": "eq", "val": "Bob"}, *leaves]}]

    body = await served(client, "/v1/authors", filter=json.dumps(at_limit))

    assert sorted(item["attributes"]["name"] for item in body["data"]) == ["Ann", "Bob"]
    over = [*at_limit, {"name": "name", "op": "eq", "val": "Ann"}]
    await refused(client, "/v1/authors", "filter", MAX_FILTER_NODES, filter=json.dumps(over))


async def test_a_filter_may_be_as_long_as_the_limit(client: AsyncClient) -> None:
    await make_author(client, "Ann")
    leaf = json.dumps([{"name": "name", "op": "ne", "val": ""}])
    at_limit = leaf.replace('""', '"' + "x" * (MAX_FILTER_LENGTH - len(leaf)) + '"')
    assert len(at_limit) == MAX_FILTER_LENGTH

    body = await served(client, "/v1/authors", filter=at_limit)

    assert [item["attributes"]["name"] for item in body["data"]] == ["Ann"]
    too_long = at_limit.replace('"x', '"xx')
    await refused(client, "/v1/authors", "filter", MAX_FILTER_LENGTH, filter=too_long)


async def test_sort_may_list_up_to_its_limit_of_keys(client: AsyncClient) -> None:
    await make_author(client, "Bob", age=30)
    await make_author(client, "Ann", age=30)
    keys = ["-age", "name", "rating", "born_at", "id"]
    at_limit = ",".join(keys[i % len(keys)] for i in range(MAX_SORT_KEYS))

    body = await served(client, "/v1/authors", sort=at_limit)

    assert [item["attributes"]["name"] for item in body["data"]] == ["Ann", "Bob"]
    await refused(client, "/v1/authors", "sort", MAX_SORT_KEYS, sort=at_limit + ",name")
    await refused(client, "/v1/authors", "sort", MAX_SORT_KEYS, sort=",".join(["name"] * 2_000))


async def test_a_sparse_fieldset_may_name_up_to_its_limit_of_fields(client: AsyncClient) -> None:
    await make_author(client, "Ann", age=30)
    at_limit = ",".join(["name"] * MAX_FIELDS)

    body = await served(client, "/v1/authors", **{"fields[author]": at_limit})

    assert body["data"][0]["attributes"] == {"name": "Ann"}
    await refused(
        client, "/v1/authors", "fields[author]", MAX_FIELDS, **{"fields[author]": at_limit + ",age"}
    )
