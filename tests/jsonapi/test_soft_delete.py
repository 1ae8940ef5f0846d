"""Soft delete: hidden from lists and details, visible with get_trashed to those allowed,
restored by PATCH deleted-at: null, removed for good with permanent=true."""

from __future__ import annotations

from tests.jsonapi.conftest import as_user, doc
from tests.jsonapi.helpers import make_author
from tests.jsonapi.toys import Author

ADMIN = as_user(9, admin=True)


async def stored(toy_db, author_id: str) -> Author | None:
    async with toy_db.sessions() as session:
        return await session.get(Author, int(author_id))


async def test_delete_trashes_and_hides_the_object(client, toy_db):
    author = await make_author(client, "Ann")

    response = await client.delete(f"/v1/authors/{author['id']}", headers=as_user(1))

    assert response.status_code == 200
    assert (await stored(toy_db, author["id"])).deleted_at is not None
    assert (await client.get(f"/v1/authors/{author['id']}")).status_code == 404
    listing = (await client.get("/v1/authors")).json()
    assert listing["data"] == [] and listing["meta"]["count"] == 0


async def test_trashed_objects_are_listed_only_for_callers_the_policy_allows(client):
    author = await make_author(client, "Ann")
    await client.delete(f"/v1/authors/{author['id']}", headers=as_user(1))

    anonymous = await client.get("/v1/authors?get_trashed=true")
    owner = await client.get("/v1/authors?get_trashed=true", headers=as_user(1))
    admin = await client.get("/v1/authors?get_trashed=true", headers=ADMIN)
    admin_detail = await client.get(f"/v1/authors/{author['id']}?get_trashed=true", headers=ADMIN)

    assert anonymous.json()["data"] == [] and owner.json()["data"] == []
    assert [a["id"] for a in admin.json()["data"]] == [author["id"]]
    assert admin_detail.status_code == 200
    assert admin_detail.json()["data"]["attributes"]["deleted-at"] is not None


async def test_restore_by_patching_deleted_at_null(client, toy_db):
    author = await make_author(client, "Ann")
    await client.delete(f"/v1/authors/{author['id']}", headers=as_user(1))

    response = await client.patch(
        f"/v1/authors/{author['id']}?get_trashed=true",
        json=doc("author", {"deleted-at": None}, id_=author["id"]),
        headers=ADMIN,
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["deleted-at"] is None
    assert (await stored(toy_db, author["id"])).deleted_at is None
    assert (await client.get(f"/v1/authors/{author['id']}")).status_code == 200


async def test_restore_by_someone_not_allowed_is_refused(client, toy_db):
    author = await make_author(client, "Ann")
    await client.delete(f"/v1/authors/{author['id']}", headers=as_user(1))

    response = await client.patch(
        f"/v1/authors/{author['id']}?get_trashed=true",
        json=doc("author", {"deleted-at": None}, id_=author["id"]),
        headers=as_user(1),
    )

    assert response.status_code == 404
    assert (await stored(toy_db, author["id"])).deleted_at is not None


async def test_permanent_delete_removes_the_row(client, toy_db):
    author = await make_author(client, "Ann")

    response = await client.delete(f"/v1/authors/{author['id']}?permanent=true", headers=ADMIN)

    assert response.status_code == 200
    assert await stored(toy_db, author["id"]) is None


async def test_permanent_delete_needs_the_trash_permission(client, toy_db):
    author = await make_author(client, "Ann")

    response = await client.delete(f"/v1/authors/{author['id']}?permanent=true", headers=as_user(1))

    assert response.status_code == 403
    assert (await stored(toy_db, author["id"])).deleted_at is None


async def test_get_trashed_on_a_resource_without_soft_delete_is_a_400(client):
    response = await client.get("/v1/tags?get_trashed=true")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "get_trashed"}
