"""Relationship endpoints, related (nested and alias) URLs, and relationship writes."""

from __future__ import annotations

from sqlalchemy import select

from tests.jsonapi.conftest import as_user
from tests.jsonapi.helpers import make_author, make_book, make_tag
from tests.jsonapi.toys import Book, Profile


async def tag_ids(toy_db, book_id: str) -> list[int]:
    async with toy_db.sessions() as session:
        book = await session.get(Book, int(book_id))
        return sorted(t.id for t in await session.run_sync(lambda _: book.tags))


async def test_relationship_get_returns_string_linkage_for_anyone_who_may_view(client):
    author = await make_author(client)
    tag = await make_tag(client, "poetry")
    book = await make_book(client, author["id"], "Dune", tags=[tag["id"]])

    to_one = await client.get(f"/v1/books/{book['id']}/relationships/author")
    to_many = await client.get(f"/v1/books/{book['id']}/relationships/tags")

    assert to_one.status_code == 200
    assert to_one.json()["data"] == {"type": "author", "id": author["id"]}
    assert to_one.json()["links"] == {
        "self": f"/v1/books/{book['id']}/relationships/author",
        "related": f"/v1/books/{book['id']}/author",
    }
    assert to_many.json()["data"] == [{"type": "tag", "id": tag["id"]}]


async def test_relationship_of_a_missing_parent_is_a_404(client):
    response = await client.get("/v1/books/999/relationships/author")

    assert response.status_code == 404


async def test_unknown_relationship_is_a_404(client):
    author = await make_author(client)

    response = await client.get(f"/v1/authors/{author['id']}/relationships/nothing")
    related = await client.get(f"/v1/authors/{author['id']}/nothing")

    assert response.status_code == 404 and related.status_code == 404


async def test_related_to_one_is_the_target_document(client):
    author = await make_author(client, "Ann")
    book = await make_book(client, author["id"], "Dune")

    response = await client.get(f"/v1/books/{book['id']}/author")

    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["type"], data["id"], data["attributes"]["name"]) == ("author", author["id"], "Ann")


async def test_an_empty_related_to_one_answers_404_and_its_linkage_null(client):
    """The Open Event client creates a record when fetching a to-one fails (the tax and
    call-for-speakers steps): an empty to-one's related URL is a 404."""
    author = await make_author(client)

    response = await client.get(f"/v1/authors/{author['id']}/profile")
    linkage = await client.get(f"/v1/authors/{author['id']}/relationships/profile")

    assert response.status_code == 404
    assert response.json()["errors"][0]["detail"] == f"author {author['id']} has no profile"
    assert linkage.status_code == 200 and linkage.json()["data"] is None


async def test_related_one_to_one_with_the_key_on_the_target(client, toy_db):
    author = await make_author(client)
    async with toy_db.sessions() as session, session.begin():
        session.add(Profile(bio="Writes books", author_id=int(author["id"])))

    response = await client.get(f"/v1/authors/{author['id']}/profile?include=author")

    assert response.status_code == 200
    body = response.json()
    assert body["data"]["attributes"] == {"bio": "Writes books"}
    assert body["included"][0]["id"] == author["id"]


async def test_nested_list_is_a_paginated_filtered_list_of_the_target(client):
    author = await make_author(client, "Ann")
    other = await make_author(client, "Bea")
    for title in ("A1", "A2", "A3"):
        await make_book(client, author["id"], title)
    await make_book(client, other["id"], "B1")
    identifier = author["attributes"]["identifier"]

    response = await client.get(
        f"/v1/authors/{identifier}/books?page[size]=2&sort=-title&include=author"
        '&filter=[{"name":"title","op":"ne","val":"A2"}]'
    )

    assert response.status_code == 200
    body = response.json()
    assert [b["attributes"]["title"] for b in body["data"]] == ["A3", "A1"]
    assert body["meta"]["count"] == 2
    assert body["included"][0]["id"] == author["id"]


async def test_nested_list_through_a_many_to_many(client):
    author = await make_author(client)
    tag = await make_tag(client, "poetry")
    first = await make_book(client, author["id"], "First", tags=[tag["id"]])
    await make_book(client, author["id"], "Second")

    response = await client.get(f"/v1/tags/{tag['id']}/books")

    assert [b["id"] for b in response.json()["data"]] == [first["id"]]


async def test_nested_list_under_an_invisible_parent_is_a_404(client):
    author = await make_author(client, "Hidden", is_hidden=True)

    response = await client.get(f"/v1/authors/{author['id']}/books")

    assert response.status_code == 404


async def test_patch_to_many_replaces_the_linkage(client, toy_db):
    author = await make_author(client)
    a, b, c = [await make_tag(client, name) for name in ("a", "b", "c")]
    book = await make_book(client, author["id"], "Dune", tags=[a["id"]])

    response = await client.patch(
        f"/v1/books/{book['id']}/relationships/tags",
        json={"data": [{"type": "tag", "id": b["id"]}, {"type": "tag", "id": c["id"]}]},
        headers=as_user(1),
    )

    assert response.status_code == 200
    assert [d["id"] for d in response.json()["data"]] == [b["id"], c["id"]]
    assert await tag_ids(toy_db, book["id"]) == [int(b["id"]), int(c["id"])]


async def test_post_and_delete_add_and_remove_members(client, toy_db):
    author = await make_author(client)
    a, b = await make_tag(client, "a"), await make_tag(client, "b")
    book = await make_book(client, author["id"], "Dune", tags=[a["id"]])
    url = f"/v1/books/{book['id']}/relationships/tags"

    added = await client.post(
        url,
        json={"data": [{"type": "tag", "id": b["id"]}, {"type": "tag", "id": a["id"]}]},
        headers=as_user(1),
    )
    assert added.status_code == 200
    assert await tag_ids(toy_db, book["id"]) == [int(a["id"]), int(b["id"])]

    removed = await client.request(
        "DELETE", url, json={"data": [{"type": "tag", "id": a["id"]}]}, headers=as_user(1)
    )
    assert removed.status_code == 200
    assert await tag_ids(toy_db, book["id"]) == [int(b["id"])]


async def test_patch_to_one_relationship_moves_the_child(client, toy_db):
    first, second = await make_author(client, "A"), await make_author(client, "B")
    book = await make_book(client, first["id"], "Dune")

    response = await client.patch(
        f"/v1/books/{book['id']}/relationships/author",
        json={"data": {"type": "author", "id": second["id"]}},
        headers=as_user(1),
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"type": "author", "id": second["id"]}
    async with toy_db.sessions() as session:
        assert (await session.scalar(select(Book.author_id))) == int(second["id"])


async def test_required_to_one_cannot_be_emptied(client):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")

    response = await client.patch(
        f"/v1/books/{book['id']}/relationships/author", json={"data": None}, headers=as_user(1)
    )

    assert response.status_code == 422


async def test_relationship_change_by_a_stranger_is_forbidden(client, toy_db):
    author = await make_author(client, owner=1)
    tag = await make_tag(client, "a")
    book = await make_book(client, author["id"], "Dune")

    response = await client.post(
        f"/v1/books/{book['id']}/relationships/tags",
        json={"data": [{"type": "tag", "id": tag["id"]}]},
        headers=as_user(2),
    )

    assert response.status_code == 403
    assert await tag_ids(toy_db, book["id"]) == []


async def test_relationship_change_with_a_wrong_type_or_shape_is_refused(client, toy_db):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")
    url = f"/v1/books/{book['id']}/relationships/tags"

    wrong_type = await client.patch(
        url, json={"data": [{"type": "author", "id": "1"}]}, headers=as_user(1)
    )
    not_a_list = await client.patch(
        url, json={"data": {"type": "tag", "id": "1"}}, headers=as_user(1)
    )
    missing = await client.patch(
        url, json={"data": [{"type": "tag", "id": "404"}]}, headers=as_user(1)
    )

    assert (wrong_type.status_code, not_a_list.status_code, missing.status_code) == (409, 400, 404)
    assert await tag_ids(toy_db, book["id"]) == []


async def test_read_only_relationships_cannot_be_written(client):
    author = await make_author(client)

    response = await client.patch(
        f"/v1/authors/{author['id']}/relationships/books", json={"data": []}, headers=as_user(1)
    )

    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


async def test_planned_relationships_have_links_and_answer_empty(client):
    author = await make_author(client)
    base = f"/v1/authors/{author['id']}"

    data = (await client.get(base)).json()["data"]
    reviews = await client.get(f"{base}/reviews?page[size]=5&sort=whatever")
    agent = await client.get(f"{base}/agent")
    linkage = await client.get(f"{base}/relationships/reviews")
    included = (await client.get(f"{base}?include=reviews,agent")).json()

    assert data["relationships"]["reviews"]["links"]["related"] == f"{base}/reviews"
    assert reviews.status_code == 200
    assert reviews.json()["data"] == [] and reviews.json()["meta"]["count"] == 0
    assert agent.status_code == 404
    assert linkage.json()["data"] == []
    assert included["data"]["relationships"]["reviews"]["data"] == []
    assert included["data"]["relationships"]["agent"] == {
        "links": {"self": f"{base}/relationships/agent"},
        "data": None,
    }


async def test_planned_relationships_include_nothing_below_and_need_declared_filters(client):
    nested = await client.get("/v1/authors?include=reviews.books,agent.x.y")
    filtered = await client.get('/v1/authors?filter=[{"name":"reviews","op":"any","val":{}}]')
    missing_parent = await client.get("/v1/authors/404/reviews")

    assert nested.status_code == 200  # nothing lies below a planned relationship
    assert filtered.status_code == 400
    assert missing_parent.status_code == 404
