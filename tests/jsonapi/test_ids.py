"""Ids no row can have (past the column's range, digits of other scripts) name nothing: a
404 in the URL or in linkage, never a server error, and nothing changes."""

from __future__ import annotations

import pytest

from tests.jsonapi.conftest import as_user, doc
from tests.jsonapi.helpers import make_author, make_book, make_tag

# Past a 32-bit key (PostgreSQL `integer`), past a 64-bit one (SQLite), and a superscript two
# (which `str.isdigit` accepts and `int` refuses).
NO_ROW_IDS = ("2147483648", "99999999999999999999", "\u00b2")
ARABIC_INDIC = str.maketrans(
    "0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
)


def assert_not_found(response) -> None:
    assert response.status_code == 404, response.text
    assert response.json()["errors"][0]["status"] == 404


@pytest.mark.parametrize("key", NO_ROW_IDS)
async def test_reads_of_an_impossible_id_are_404s(client, key):
    author = await make_author(client)
    await make_book(client, author["id"], "Book")
    for url in (
        f"/v1/authors/{key}",
        f"/v1/authors/{key}/books",
        f"/v1/authors/{key}/relationships/books",
        f"/v1/books/{key}",
        f"/v1/books/{key}/author",
        f"/v1/books/{key}/relationships/author",
    ):
        assert_not_found(await client.get(url))


async def test_digits_of_another_script_name_no_row(client):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Book")

    assert_not_found(await client.get(f"/v1/authors/{author['id'].translate(ARABIC_INDIC)}"))
    assert_not_found(await client.get(f"/v1/books/{book['id'].translate(ARABIC_INDIC)}"))


@pytest.mark.parametrize("key", NO_ROW_IDS)
async def test_writes_to_an_impossible_id_are_404s_and_change_nothing(client, key):
    author = await make_author(client, "Ann")
    update = doc("author", {"name": "Changed"}, id_=key)

    patched = await client.patch(f"/v1/authors/{key}", json=update, headers=as_user(1))
    deleted = await client.delete(f"/v1/authors/{key}", headers=as_user(1))

    assert_not_found(patched)
    assert_not_found(deleted)
    shown = await client.get(f"/v1/authors/{author['id']}")
    assert shown.json()["data"]["attributes"]["name"] == "Ann"


@pytest.mark.parametrize("key", NO_ROW_IDS)
async def test_linking_an_impossible_id_is_a_404_and_changes_nothing(client, key):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Book")
    await make_tag(client, "kept")
    to_author = {"author": {"data": {"type": "author", "id": key}}}

    created = await client.post(
        "/v1/books", json=doc("book", {"title": "X"}, relationships=to_author), headers=as_user(1)
    )
    moved = await client.patch(
        f"/v1/books/{book['id']}/relationships/author",
        json={"data": {"type": "author", "id": key}},
        headers=as_user(1),
    )
    tagged = await client.post(
        f"/v1/books/{book['id']}/relationships/tags",
        json={"data": [{"type": "tag", "id": key}]},
        headers=as_user(1),
    )

    for response in (created, moved, tagged):
        assert_not_found(response)
    books = (await client.get("/v1/books?include=author,tags")).json()
    assert [b["id"] for b in books["data"]] == [book["id"]]
    assert books["data"][0]["relationships"]["author"]["data"]["id"] == author["id"]
    assert books["data"][0]["relationships"]["tags"]["data"] == []
