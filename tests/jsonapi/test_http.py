"""HTTP rules: media types, ETags and preconditions, CORS, compression, routing errors."""

from __future__ import annotations

from tests.jsonapi.conftest import JSONAPI, as_user, doc
from tests.jsonapi.helpers import make_author
from tests.jsonapi.toys import Author


async def test_write_with_another_content_type_is_a_415(client, toy_db):
    for content_type in ("application/json", f"{JSONAPI}; charset=utf-8", f"{JSONAPI}; ext=x"):
        response = await client.post(
            "/v1/authors",
            json=doc("author", {"name": "Ann"}),
            headers={"X-Toy-User": "1", "Content-Type": content_type},
        )
        assert response.status_code == 415, content_type
        assert response.headers["content-type"] == JSONAPI
    async with toy_db.sessions() as session:
        assert await session.get(Author, 1) is None


async def test_accept_must_allow_json_api(client):
    refused = await client.get("/v1/authors", headers={"Accept": "text/html"})
    star = await client.get("/v1/authors", headers={"Accept": "*/*"})
    listed = await client.get("/v1/authors", headers={"Accept": f"text/html, {JSONAPI}"})

    assert refused.status_code == 406
    assert refused.json()["errors"][0]["status"] == 406
    assert star.status_code == 200 and listed.status_code == 200


async def test_get_carries_a_weak_etag_and_a_match_is_an_empty_304(client):
    author = await make_author(client)
    first = await client.get(f"/v1/authors/{author['id']}")
    etag = first.headers["etag"]

    again = await client.get(f"/v1/authors/{author['id']}", headers={"If-None-Match": etag})
    other = await client.get(f"/v1/authors/{author['id']}", headers={"If-None-Match": 'W/"x"'})

    assert etag.startswith('W/"')
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert other.status_code == 200


async def test_etag_changes_when_the_object_changes(client):
    author = await make_author(client)
    before = (await client.get(f"/v1/authors/{author['id']}")).headers["etag"]
    await client.patch(
        f"/v1/authors/{author['id']}",
        json=doc("author", {"age": 9}, id_=author["id"]),
        headers=as_user(1),
    )

    after = (await client.get(f"/v1/authors/{author['id']}")).headers["etag"]

    assert before != after


async def test_if_match_is_checked_before_the_write(client, toy_db):
    author = await make_author(client, "Ann")
    url = f"/v1/authors/{author['id']}"
    current = (await client.get(url)).headers["etag"]

    stale = await client.patch(
        url,
        json=doc("author", {"name": "Bea"}, id_=author["id"]),
        headers={**as_user(1), "If-Match": 'W/"stale"'},
    )
    async with toy_db.sessions() as session:
        assert (await session.get(Author, int(author["id"]))).name == "Ann"
    fresh = await client.patch(
        url,
        json=doc("author", {"name": "Bea"}, id_=author["id"]),
        headers={**as_user(1), "If-Match": current},
    )
    stale_delete = await client.delete(url, headers={**as_user(1), "If-Match": current})

    assert stale.status_code == 412
    assert fresh.status_code == 200
    assert stale_delete.status_code == 412
    async with toy_db.sessions() as session:
        stored = await session.get(Author, int(author["id"]))
    assert stored.name == "Bea" and stored.deleted_at is None


async def test_cors_preflight_allows_the_frontend_headers(client):
    response = await client.options(
        "/v1/authors",
        headers={
            "Origin": "https://frontend.example",
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "Authorization, Content-Type, X-CSRF-Token",
        },
    )

    assert response.status_code == 200
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "x-csrf-token"} <= {
        h.strip() for h in allowed.split(",")
    }
    assert "PATCH" in response.headers["access-control-allow-methods"]


async def test_cors_exposes_etag_and_location(client):
    response = await client.get("/v1/authors", headers={"Origin": "https://frontend.example"})

    exposed = response.headers["access-control-expose-headers"].lower()
    assert "etag" in exposed and "location" in exposed
    assert response.headers["access-control-allow-origin"] == "*"


async def test_large_bodies_are_gzipped_when_accepted(client):
    for i in range(40):
        await make_author(client, f"Author number {i}", email=f"author{i}@example.com")

    zipped = await client.get("/v1/authors?page[size]=40", headers={"Accept-Encoding": "gzip"})
    plain = await client.get("/v1/authors?page[size]=40", headers={"Accept-Encoding": "identity"})

    assert len(plain.content) > 8192
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json()
    assert "content-encoding" not in plain.headers


async def test_unknown_routes_are_json_api_404s(client):
    for path in ("/v1/nothing", "/v1/authors/1/relationships", "/v1/authors/1/a/b/c", "/nope"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.json()["errors"][0]["status"] == 404


async def test_unsupported_methods_are_405s(client):
    author = await make_author(client)

    put = await client.put(f"/v1/authors/{author['id']}", json={})
    post_detail = await client.post(f"/v1/authors/{author['id']}", json={})
    delete_list = await client.delete("/v1/authors")
    profile_create = await client.post("/v1/profiles", json={})

    assert [r.status_code for r in (put, post_detail, delete_list, profile_create)] == [405] * 4
    assert put.headers["allow"] == "GET, PATCH, DELETE"


async def test_openapi_lists_every_engine_route(client):
    document = (await client.get("/openapi.json")).json()

    paths = document["paths"]
    for path in (
        "/v1/authors",
        "/v1/authors/{id}",
        "/v1/authors/{id}/books",
        "/v1/authors/{id}/relationships/books",
        "/v1/books/{id}/relationships/tags",
        "/v1/tags/{id}/books",
        "/v1/profiles/{id}/author",
    ):
        assert path in paths, path
    assert set(paths["/v1/books/{id}/relationships/tags"]) == {"get", "patch", "post", "delete"}
    assert "post" not in paths["/v1/profiles"]
    body = paths["/v1/authors"]["post"]["requestBody"]["content"][JSONAPI]["schema"]
    assert "name" in body["properties"]["data"]["properties"]["attributes"]["properties"]
    assert (await client.get("/docs")).status_code == 200
