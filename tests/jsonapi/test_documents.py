"""Document shapes: the Open Event dialect of JSON:API on lists and details."""

from __future__ import annotations

from tests.jsonapi.conftest import JSONAPI
from tests.jsonapi.helpers import make_author, make_book, make_tag
from tests.jsonapi.toys import Profile


async def test_detail_document_has_the_open_event_shape(client):
    author = await make_author(client, "Ann", email="ann@example.com", age=41)

    response = await client.get(f"/v1/authors/{author['id']}")

    assert response.status_code == 200
    assert response.headers["content-type"] == JSONAPI
    body = response.json()
    assert body["jsonapi"] == {"version": "1.0"}
    assert body["links"] == {"self": f"/v1/authors/{author['id']}"}
    data = body["data"]
    assert data["type"] == "author"
    assert isinstance(data["id"], str)
    assert data["links"] == {"self": f"/v1/authors/{data['id']}"}
    assert data["attributes"]["name"] == "Ann"
    assert data["attributes"]["is-hidden"] is False
    assert data["attributes"]["display-name"] == "Ann <ann@example.com>"
    assert "owner_id" not in data["attributes"] and "owner-id" not in data["attributes"]


async def test_to_ones_keyed_on_the_row_are_linked_and_the_rest_carry_links_only(client):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")

    data = (await client.get(f"/v1/books/{book['id']}")).json()["data"]

    assert data["relationships"] == {
        "author": {
            "links": {
                "self": f"/v1/books/{book['id']}/relationships/author",
                "related": f"/v1/books/{book['id']}/author",
            },
            "data": {"type": "author", "id": author["id"]},
        },
        "tags": {
            "links": {
                "self": f"/v1/books/{book['id']}/relationships/tags",
                "related": f"/v1/books/{book['id']}/tags",
            }
        },
    }


async def test_included_relationships_carry_their_links_beside_the_data(client):
    author = await make_author(client)
    book = await make_book(client, author["id"], "Dune")
    base = f"/v1/books/{book['id']}"

    listed = (await client.get("/v1/books?include=author")).json()["data"][0]
    shown = (await client.get(f"{base}?include=author,tags")).json()["data"]

    author_links = {"self": f"{base}/relationships/author", "related": f"{base}/author"}
    tags_links = {"self": f"{base}/relationships/tags", "related": f"{base}/tags"}
    linked = {"type": "author", "id": author["id"]}
    assert listed["relationships"] == {
        "author": {"links": author_links, "data": linked},
        "tags": {"links": tags_links},
    }
    assert shown["relationships"] == {
        "author": {"links": author_links, "data": linked},
        "tags": {"links": tags_links, "data": []},
    }


async def test_datetimes_are_iso_with_offset(client):
    author = await make_author(client, born_at="2016-12-13T23:59:59.123456+02:00")

    data = (await client.get(f"/v1/authors/{author['id']}")).json()["data"]

    assert data["attributes"]["born-at"] == "2016-12-13T21:59:59.123456+00:00"


async def test_string_identifier_works_in_place_of_the_id(client):
    author = await make_author(client, "Ann")
    identifier = author["attributes"]["identifier"]

    by_identifier = await client.get(f"/v1/authors/{identifier}")

    assert by_identifier.status_code == 200
    assert by_identifier.json()["data"]["id"] == author["id"]


async def test_include_builds_a_compound_document_through_dotted_paths(client):
    author = await make_author(client, "Ann")
    poetry, prose = await make_tag(client, "poetry"), await make_tag(client, "prose")
    first = await make_book(client, author["id"], "First", tags=[poetry["id"], prose["id"]])
    second = await make_book(client, author["id"], "Second", tags=[poetry["id"]])

    body = (await client.get(f"/v1/authors/{author['id']}?include=books.tags")).json()

    books = body["data"]["relationships"]["books"]["data"]
    assert books == [{"type": "book", "id": first["id"]}, {"type": "book", "id": second["id"]}]
    included = {(item["type"], item["id"]): item for item in body["included"]}
    assert set(included) == {
        ("book", first["id"]),
        ("book", second["id"]),
        ("tag", poetry["id"]),
        ("tag", prose["id"]),
    }
    first_tags = included[("book", first["id"])]["relationships"]["tags"]["data"]
    assert first_tags == [{"type": "tag", "id": poetry["id"]}, {"type": "tag", "id": prose["id"]}]
    # the author's key is on the book's row: linked although not included
    assert included[("book", first["id"])]["relationships"]["author"]["data"] == {
        "type": "author",
        "id": author["id"],
    }


async def test_include_on_a_list_shares_included_objects(client):
    author = await make_author(client, "Ann")
    for title in ("A", "B", "C"):
        await make_book(client, author["id"], title)

    body = (await client.get("/v1/books?include=author")).json()

    assert [b["relationships"]["author"]["data"] for b in body["data"]] == [
        {"type": "author", "id": author["id"]}
    ] * 3
    assert [(i["type"], i["id"]) for i in body["included"]] == [("author", author["id"])]


async def test_include_accepts_underscores_and_reports_empty_to_one_as_null(client):
    author = await make_author(client, "Ann")

    body = (await client.get(f"/v1/authors/{author['id']}?include=profile,books")).json()

    profile = body["data"]["relationships"]["profile"]
    assert profile == {
        "links": {"self": f"/v1/authors/{author['id']}/relationships/profile"},
        "data": None,  # an empty to-one names no related link to follow
    }
    assert body["data"]["relationships"]["books"]["data"] == []
    assert "related" in body["data"]["relationships"]["books"]["links"]
    assert "included" not in body


async def test_include_hides_objects_the_caller_may_not_read(client):
    author = await make_author(client, "Hidden", is_hidden=True)
    book = await make_book(client, author["id"], "Secret")

    body = (await client.get(f"/v1/books/{book['id']}?include=author")).json()

    assert body["data"]["relationships"]["author"]["data"] is None
    assert "included" not in body


async def test_invalid_include_is_a_400_naming_the_parameter(client):
    response = await client.get("/v1/books?include=author.nothing")

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["source"] == {"parameter": "include"}
    assert "nothing" in error["detail"]


async def test_sparse_fieldsets_accept_dashes_and_underscores(client):
    author = await make_author(client, "Ann", email="a@example.com", age=3)

    for spec in ("name,is-hidden", "name,is_hidden", "is-hidden,name,books"):
        body = (await client.get(f"/v1/authors/{author['id']}?fields[author]={spec}")).json()
        assert set(body["data"]["attributes"]) == {"name", "is-hidden"}, spec
    assert set(body["data"]["relationships"]) == {"books"}


async def test_sparse_fieldsets_apply_to_included_types(client):
    author = await make_author(client, "Ann")
    book = await make_book(client, author["id"], "Dune", pages=412)

    body = (
        await client.get(
            f"/v1/books/{book['id']}?include=author&fields[author]=name&fields[book]=title,author"
        )
    ).json()

    assert body["data"]["attributes"] == {"title": "Dune"}
    assert set(body["data"]["relationships"]) == {"author"}
    assert body["included"][0]["attributes"] == {"name": "Ann"}
    assert body["included"][0]["relationships"] == {}


async def test_invalid_field_or_type_is_a_400(client):
    unknown_field = await client.get("/v1/authors?fields[author]=name,nope")
    unknown_type = await client.get("/v1/authors?fields[nope]=name")

    assert unknown_field.status_code == 400
    assert unknown_field.json()["errors"][0]["source"] == {"parameter": "fields[author]"}
    assert unknown_type.status_code == 400


async def test_unknown_query_parameters_are_ignored(client):
    await make_author(client, "Ann")

    response = await client.get("/v1/authors?cache=true&public=true&upcoming=true&withRole=1")

    assert response.status_code == 200
    assert response.json()["meta"]["count"] == 1


async def test_missing_object_is_a_json_api_404(client):
    for path in ("/v1/authors/999", "/v1/authors/zzzzzzzz", "/v1/books/0"):
        response = await client.get(path)
        assert response.status_code == 404, path
        error = response.json()["errors"][0]
        assert error["status"] == 404
        assert error["title"] == "Object not found"


async def test_a_hidden_object_is_not_found_for_anonymous_callers(client):
    author = await make_author(client, "Hidden", is_hidden=True)

    anonymous = await client.get(f"/v1/authors/{author['id']}")
    admin = await client.get(f"/v1/authors/{author['id']}", headers={"X-Toy-User": "5 admin"})
    listed = (await client.get("/v1/authors")).json()

    assert anonymous.status_code == 404
    assert admin.status_code == 200
    assert listed["data"] == [] and listed["meta"]["count"] == 0


async def test_a_resource_may_understand_its_own_list_parameters(client):
    await make_author(client, "Mine", owner=1)
    await make_author(client, "Theirs", owner=2)

    mine = (await client.get("/v1/authors?mine=true", headers={"X-Toy-User": "1"})).json()
    anonymous = (await client.get("/v1/authors?mine=true")).json()
    everyone = (await client.get("/v1/authors?mine=false")).json()

    assert [a["attributes"]["name"] for a in mine["data"]] == ["Mine"]
    assert anonymous["data"] == []
    assert everyone["meta"]["count"] == 2


async def test_includes_read_together_answer_what_each_answers_alone(client, toy_db):
    """The includes of one level may be read in one round trip (on PostgreSQL): the same
    linkage and included objects as when each is asked for alone."""
    author = await make_author(client, "Ann")
    poetry = await make_tag(client, "poetry")
    first = await make_book(client, author["id"], "First", tags=[poetry["id"]])
    second = await make_book(client, author["id"], "Second")
    async with toy_db.sessions() as session, session.begin():
        session.add(Profile(bio="Writes books", author_id=int(author["id"])))
    base = f"/v1/authors/{author['id']}"

    together = (await client.get(f"{base}?include=profile,books,books.tags")).json()
    alone = [
        (await client.get(f"{base}?include={path}")).json() for path in ("profile", "books.tags")
    ]

    relationships = together["data"]["relationships"]
    assert relationships["profile"] == alone[0]["data"]["relationships"]["profile"]
    assert relationships["books"] == alone[1]["data"]["relationships"]["books"]
    assert relationships["books"]["data"] == [
        {"type": "book", "id": first["id"]},
        {"type": "book", "id": second["id"]},
    ]
    assert together["included"] == alone[0]["included"] + alone[1]["included"]
    assert together["included"][0]["attributes"] == {"bio": "Writes books"}
