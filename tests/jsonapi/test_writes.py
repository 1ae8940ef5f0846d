"""Create, update and delete: statuses, validation, policies, and the database effect."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.jsonapi.conftest import JSONAPI, as_user, doc
from tests.jsonapi.helpers import make_author, make_book
from tests.jsonapi.toys import Author, Book


async def count(toy_db, model) -> int:
    async with toy_db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_create_answers_201_with_an_absolute_location(client, toy_db):
    response = await client.post(
        "/v1/authors", json=doc("author", {"name": "Ann", "age": 3}), headers=as_user(1)
    )

    assert response.status_code == 201
    data = response.json()["data"]
    assert response.headers["location"] == f"http://testserver/v1/authors/{data['id']}"
    assert data["attributes"]["name"] == "Ann"
    async with toy_db.sessions() as session:
        stored = await session.get(Author, int(data["id"]))
    assert stored is not None and stored.name == "Ann" and stored.owner_id == 1


async def test_create_ignores_read_only_and_unknown_attributes(client, toy_db):
    attributes = {"name": "Ann", "identifier": "forged00", "display-name": "x", "colour": "red"}
    response = await client.post("/v1/authors", json=doc("author", attributes), headers=as_user(1))

    assert response.status_code == 201
    assert response.json()["data"]["attributes"]["identifier"] != "forged00"


async def test_create_validation_error_points_at_the_attribute(client, toy_db):
    response = await client.post(
        "/v1/authors", json=doc("author", {"name": "", "age": -1}), headers=as_user(1)
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {e["source"]["pointer"] for e in errors} == {
        "/data/attributes/name",
        "/data/attributes/age",
    }
    assert all(e["status"] == "422" and e["title"] == "Validation error" for e in errors)
    assert await count(toy_db, Author) == 0


async def test_create_with_a_missing_required_attribute_is_a_422(client, toy_db):
    response = await client.post("/v1/authors", json=doc("author", {"age": 5}), headers=as_user(1))

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"
    assert await count(toy_db, Author) == 0


async def test_create_with_the_wrong_type_is_a_409(client, toy_db):
    response = await client.post(
        "/v1/authors", json=doc("book", {"name": "Ann"}), headers=as_user(1)
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/type"}
    assert await count(toy_db, Author) == 0


async def test_create_with_a_client_id_is_refused(client, toy_db):
    response = await client.post(
        "/v1/authors", json=doc("author", {"name": "A"}, id_="77"), headers=as_user(1)
    )

    assert response.status_code == 403
    assert await count(toy_db, Author) == 0


async def test_malformed_bodies_are_400s(client, toy_db):
    headers = as_user(1)
    not_json = await client.post("/v1/authors", content=b"{nope", headers=headers)
    no_data = await client.post("/v1/authors", json={"type": "author"}, headers=headers)
    data_list = await client.post("/v1/authors", json={"data": []}, headers=headers)
    bad_attrs = await client.post(
        "/v1/authors", json={"data": {"type": "author", "attributes": []}}, headers=headers
    )

    assert [r.status_code for r in (not_json, no_data, data_list, bad_attrs)] == [400] * 4
    assert no_data.json()["errors"][0]["source"] == {"pointer": "/data"}
    assert await count(toy_db, Author) == 0


async def test_anonymous_create_is_forbidden(client, toy_db):
    response = await client.post(
        "/v1/authors", json=doc("author", {"name": "Ann"}), headers={"Content-Type": JSONAPI}
    )

    assert response.status_code == 403
    assert await count(toy_db, Author) == 0


async def test_create_needs_its_required_relationship(client, toy_db):
    response = await client.post(
        "/v1/books", json=doc("book", {"title": "Orphan"}), headers=as_user(1)
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/author"
    assert await count(toy_db, Book) == 0


async def test_create_linking_a_missing_object_is_a_404(client, toy_db):
    rel = {"author": {"data": {"type": "author", "id": "4040"}}}
    response = await client.post(
        "/v1/books", json=doc("book", {"title": "X"}, relationships=rel), headers=as_user(1)
    )

    assert response.status_code == 404
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/author"


async def test_create_linking_the_wrong_type_is_a_409(client, toy_db):
    author = await make_author(client)
    rel = {"author": {"data": {"type": "tag", "id": author["id"]}}}
    response = await client.post(
        "/v1/books", json=doc("book", {"title": "X"}, relationships=rel), headers=as_user(1)
    )

    assert response.status_code == 409
    assert await count(toy_db, Book) == 0


async def test_create_under_someone_elses_parent_is_forbidden(client, toy_db):
    author = await make_author(client, owner=1)
    rel = {"author": {"data": {"type": "author", "id": author["id"]}}}
    response = await client.post(
        "/v1/books", json=doc("book", {"title": "X"}, relationships=rel), headers=as_user(2)
    )

    assert response.status_code == 403
    assert await count(toy_db, Book) == 0


async def test_duplicate_unique_value_is_a_409_and_changes_nothing(client, toy_db):
    author = await make_author(client)
    await make_book(client, author["id"], "Dune")
    rel = {"author": {"data": {"type": "author", "id": author["id"]}}}
    response = await client.post(
        "/v1/books", json=doc("book", {"title": "Dune"}, relationships=rel), headers=as_user(1)
    )

    assert response.status_code == 409
    assert await count(toy_db, Book) == 1


async def test_update_changes_only_the_sent_attributes(client, toy_db):
    author = await make_author(client, "Ann", email="ann@example.com", age=30)

    response = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"age": 31}, id_=author["id"]),
        headers=as_user(1),
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["age"] == 31
    async with toy_db.sessions() as session:
        stored = await session.get(Author, int(author["id"]))
    assert (stored.name, stored.email, stored.age) == ("Ann", "ann@example.com", 31)


async def test_update_by_identifier_accepts_the_numeric_body_id(client):
    author = await make_author(client, "Ann")
    identifier = author["attributes"]["identifier"]

    numeric = await client.patch(
        f"/v1/authors/{identifier}",
        json=doc("author", {"name": "Bea"}, id_=author["id"]),
        headers=as_user(1),
    )
    same = await client.patch(
        f"/v1/authors/{identifier}",
        json=doc("author", {"name": "Cy"}, id_=identifier),
        headers=as_user(1),
    )

    assert numeric.status_code == 200 and same.status_code == 200
    assert same.json()["data"]["attributes"]["name"] == "Cy"


async def test_update_with_another_objects_id_is_a_409(client, toy_db):
    first, second = await make_author(client, "Ann"), await make_author(client, "Bea")

    response = await client.patch(
        f"/v1/authors/{first['id']}",
        json=doc("author", {"name": "X"}, id_=second["id"]),
        headers=as_user(1),
    )

    assert response.status_code == 409
    async with toy_db.sessions() as session:
        assert (await session.get(Author, int(first["id"]))).name == "Ann"


async def test_update_without_an_id_is_a_400(client):
    author = await make_author(client, "Ann")

    response = await client.patch(
        f"/v1/authors/{author['id']}", json=doc("author", {"name": "X"}), headers=as_user(1)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"pointer": "/data/id"}


async def test_update_by_another_user_is_forbidden_and_changes_nothing(client, toy_db):
    author = await make_author(client, "Ann", owner=1)

    other = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"name": "Mallory"}, id_=author["id"]),
        headers=as_user(2),
    )
    anonymous = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"name": "Mallory"}, id_=author["id"]),
        headers={"Content-Type": JSONAPI},
    )
    admin = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"name": "Admin"}, id_=author["id"]),
        headers=as_user(3, admin=True),
    )

    assert (other.status_code, anonymous.status_code, admin.status_code) == (403, 403, 200)
    async with toy_db.sessions() as session:
        assert (await session.get(Author, int(author["id"]))).name == "Admin"


async def test_update_of_an_invisible_object_is_a_404_not_a_403(client):
    author = await make_author(client, "Hidden", owner=1, is_hidden=True)

    response = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"name": "X"}, id_=author["id"]),
        headers=as_user(2),
    )

    assert response.status_code == 404


async def test_update_validation_error_changes_nothing(client, toy_db):
    author = await make_author(client, "Ann", age=3)

    response = await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"age": "old", "name": "Z"}, id_=author["id"]),
        headers=as_user(1),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/age"
    async with toy_db.sessions() as session:
        stored = await session.get(Author, int(author["id"]))
    assert (stored.name, stored.age) == ("Ann", 3)


async def test_moving_a_child_to_a_parent_the_caller_does_not_own_is_forbidden(client, toy_db):
    mine = await make_author(client, "Mine", owner=1)
    theirs = await make_author(client, "Theirs", owner=2)
    book = await make_book(client, mine["id"], "Dune", owner=1)

    response = await client.patch(
        f"/v1/books/{book['id']}",
        json=doc(
            "book",
            {},
            id_=book["id"],
            relationships={"author": {"data": {"type": "author", "id": theirs["id"]}}},
        ),
        headers=as_user(1),
    )

    assert response.status_code == 403
    async with toy_db.sessions() as session:
        assert (await session.get(Book, int(book["id"]))).author_id == int(mine["id"])


async def test_delete_answers_the_open_event_message(client, toy_db):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")

    response = await client.delete(f"/v1/books/{book['id']}", headers=as_user(1))

    assert response.status_code == 200
    assert response.json() == {
        "meta": {"message": "Object successfully deleted"},
        "jsonapi": {"version": "1.0"},
    }
    assert await count(toy_db, Book) == 0


async def test_delete_by_another_user_is_forbidden(client, toy_db):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")

    response = await client.delete(f"/v1/books/{book['id']}", headers=as_user(2))

    assert response.status_code == 403
    assert await count(toy_db, Book) == 1


async def test_delete_of_a_missing_object_is_a_404(client):
    response = await client.delete("/v1/books/31337", headers=as_user(1))

    assert response.status_code == 404


async def test_delete_blocked_by_a_reference_is_a_422(client, toy_db):
    author = await make_author(client)
    await make_book(client, author["id"], "Dune")

    response = await client.delete(
        f"/v1/authors/{author['id']}?permanent=true", headers=as_user(9, admin=True)
    )

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["status"], error["title"]) == (422, "Validation error")
    assert "other data depends on this object" in error["detail"]
    assert await count(toy_db, Author) == 1


async def test_values_no_database_can_store_are_422s(client, toy_db):
    headers = as_user(1)
    nul = await client.post(
        "/v1/authors", json=doc("author", {"name": "a\u0000b"}), headers=headers
    )
    huge = await client.post(
        "/v1/authors", json=doc("author", {"name": "A", "age": 2**40}), headers=headers
    )
    far = await client.post(
        "/v1/authors",
        json=doc("author", {"name": "A", "born_at": "9999-12-31T23:59:59-05:00"}),
        headers=headers,
    )

    assert (nul.status_code, huge.status_code, far.status_code) == (422, 422, 422)
    assert await count(toy_db, Author) == 0
