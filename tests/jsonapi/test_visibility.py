"""Hidden fields (per caller, optionally per row), write-only fields and singletons, on the
toy safe and diaries (toy_vault.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hallway.jsonapi import Policy, Resource, anyone
from hallway.jsonapi.resource import DeclarationError
from tests.jsonapi.conftest import JSONAPI, as_user, doc
from tests.jsonapi.toy_vault import Diary, Safe, SafeUpdate

ANONYMOUS = {"Content-Type": JSONAPI}
ADMIN = as_user(99, admin=True)


@pytest.fixture
async def safe(toy_db):
    async with toy_db.sessions() as session, session.begin():
        session.add(Safe(id=1, label="Vault", notes="behind the painting", combination="1234"))


async def make_diary(client, owner: int, title: str, entry: str, **extra) -> dict:
    response = await client.post(
        "/v1/diaries",
        json=doc("diary", {"title": title, "entry": entry, **extra}),
        headers=as_user(owner),
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]


# -- singletons ---------------------------------------------------------------------------------
async def test_a_singleton_collection_path_serves_its_one_object(client, safe):
    collection = await client.get("/v1/safes")
    one = await client.get("/v1/safes/1")

    assert collection.status_code == one.status_code == 200
    assert collection.json()["data"] == one.json()["data"]
    assert collection.json()["data"]["id"] == "1"
    assert "meta" not in collection.json()
    assert collection.json()["data"]["attributes"] == {"label": "Vault", "is-locked": True}


async def test_a_singleton_is_changed_through_either_path(client, safe, toy_db):
    first = await client.patch(
        "/v1/safes", json=doc("safe", {"label": "Box"}, id_="1"), headers=ADMIN
    )
    second = await client.patch(
        "/v1/safes/1", json=doc("safe", {"combination": None}, id_="1"), headers=ADMIN
    )

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["data"]["attributes"]["is-locked"] is False
    async with toy_db.sessions() as session:
        stored = await session.get(Safe, 1)
    assert (stored.label, stored.combination) == ("Box", None)


async def test_a_singleton_is_never_listed_created_or_deleted(client, safe, toy_db):
    answers = [
        await client.post("/v1/safes", json=doc("safe", {"label": "Two"}), headers=ADMIN),
        await client.delete("/v1/safes", headers=ADMIN),
        await client.delete("/v1/safes/1", headers=ADMIN),
    ]

    assert [a.status_code for a in answers] == [405, 405, 405]
    assert answers[0].headers["allow"] == "GET, PATCH"
    async with toy_db.sessions() as session:
        assert len((await session.scalars(select(Safe))).all()) == 1


async def test_the_openapi_document_describes_singleton_routes(client):
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert set(paths["/v1/safes"]) == {"get", "patch"}
    assert set(paths["/v1/safes/{id}"]) == {"get", "patch"}
    listed = {p["name"] for p in paths["/v1/safes"]["get"]["parameters"]}
    assert "page[size]" not in listed and "filter" not in listed
    assert set(paths["/v1/diaries"]) == {"get", "post"}


def test_a_singleton_cannot_declare_create_or_delete():
    policy = Policy(view=anyone, update=anyone, create=anyone, delete=anyone)
    with pytest.raises(DeclarationError, match="never created or deleted"):
        Resource(type="safe", model=Safe, singleton="1", update=SafeUpdate, policy=policy)
    with pytest.raises(DeclarationError, match="never created or deleted"):
        Resource(
            type="safe",
            model=Safe,
            singleton="1",
            create=SafeUpdate,
            deletable=False,
            policy=policy,
        )
    declared = Resource(type="safe", model=Safe, singleton="1", deletable=False, policy=policy)
    assert declared.actions == ("view",)


def test_a_write_only_field_cannot_also_be_shown_or_filtered():
    policy = Policy(list=anyone, view=anyone, delete=anyone)
    with pytest.raises(DeclarationError, match="write-only and shown"):
        Resource(
            type="safe",
            model=Safe,
            attributes=("combination",),
            write_only=("combination",),
            policy=policy,
        )
    with pytest.raises(DeclarationError, match="cannot filter or sort"):
        Resource(
            type="safe",
            model=Safe,
            write_only=("combination",),
            filters=("combination",),
            policy=policy,
        )


# -- hidden fields ------------------------------------------------------------------------------
async def test_a_field_hidden_from_a_caller_is_in_none_of_their_documents(client, safe):
    plain = await client.get("/v1/safes", headers=as_user(5))
    admin = await client.get("/v1/safes", headers=ADMIN)
    written = await client.patch(
        "/v1/safes", json=doc("safe", {"notes": "moved"}, id_="1"), headers=as_user(5)
    )
    reread = await client.get("/v1/safes", headers=ADMIN)

    assert plain.json()["data"]["attributes"] == {"label": "Vault", "is-locked": True}
    assert admin.json()["data"]["attributes"]["notes"] == "behind the painting"
    assert written.status_code == 200
    assert "notes" not in written.json()["data"]["attributes"]
    assert reread.json()["data"]["attributes"]["notes"] == "moved"


async def test_per_row_hidden_fields_show_to_the_rows_exempt_caller_only(client, safe):
    await make_diary(client, 1, "Ann's", "dear diary")
    await make_diary(client, 2, "Bea's", "secret plans")

    def entries(response) -> dict:
        return {
            d["attributes"]["title"]: d["attributes"].get("entry") for d in response.json()["data"]
        }

    anonymous = entries(await client.get("/v1/diaries?sort=title"))
    ann = entries(await client.get("/v1/diaries?sort=title", headers=as_user(1)))
    admin = entries(await client.get("/v1/diaries?sort=title", headers=ADMIN))

    assert anonymous == {"Ann's": None, "Bea's": None}
    assert ann == {"Ann's": "dear diary", "Bea's": None}
    assert admin == {"Ann's": "dear diary", "Bea's": "secret plans"}


async def test_hidden_fields_are_hidden_in_included_and_related_documents(client, safe):
    safe_link = {"safe": {"data": {"type": "safe", "id": "1"}}}
    response = await client.post(
        "/v1/diaries",
        json=doc("diary", {"title": "Log", "entry": "x"}, relationships=safe_link),
        headers=as_user(1),
    )
    diary_id = response.json()["data"]["id"]

    plain = (await client.get(f"/v1/diaries/{diary_id}?include=safe", headers=as_user(1))).json()
    related = (await client.get(f"/v1/diaries/{diary_id}/safe")).json()
    admin = (await client.get(f"/v1/diaries/{diary_id}?include=safe", headers=ADMIN)).json()

    assert plain["included"][0]["attributes"] == {"label": "Vault", "is-locked": True}
    assert related["data"]["attributes"] == {"label": "Vault", "is-locked": True}
    assert admin["included"][0]["attributes"]["notes"] == "behind the painting"
    assert "combination" not in str(plain) + str(related) + str(admin)
    assert "1234" not in str(admin)


async def test_a_hidden_field_cannot_be_probed_by_filter_or_sort(client, safe):
    await make_diary(client, 2, "Bea's", "secret plans")
    probe = '[{"name":"entry","op":"like","val":"secret%"}]'

    anonymous = await client.get(f"/v1/diaries?filter={probe}")
    compared = await client.get('/v1/diaries?filter=[{"name":"title","op":"eq","field":"entry"}]')
    sorted_ = await client.get("/v1/diaries?sort=-entry", headers=as_user(1))
    admin = await client.get(f"/v1/diaries?filter={probe}&sort=-entry", headers=ADMIN)

    assert (anonymous.status_code, compared.status_code, sorted_.status_code) == (400, 400, 400)
    assert anonymous.json()["errors"][0]["source"] == {"parameter": "filter"}
    assert sorted_.json()["errors"][0]["source"] == {"parameter": "sort"}
    assert admin.status_code == 200 and admin.json()["meta"]["count"] == 1


async def test_a_write_is_authorized_before_if_match_is_compared(client, safe):
    diary = await make_diary(client, 2, "Bea's", "secret plans")
    url = f"/v1/diaries/{diary['id']}"
    owner_etag = (await client.get(url, headers=as_user(2))).headers["etag"]

    stranger = await client.patch(
        url,
        json=doc("diary", {"title": "Mine"}, id_=diary["id"]),
        headers={**as_user(3), "If-Match": owner_etag},
    )
    owner = await client.patch(
        url,
        json=doc("diary", {"title": "Bea's log"}, id_=diary["id"]),
        headers={**as_user(2), "If-Match": owner_etag},
    )

    assert stranger.status_code == 403
    assert owner.status_code == 200


# -- write-only fields --------------------------------------------------------------------------
async def test_a_write_only_field_is_stored_and_never_returned(client, safe, toy_db):
    created = await make_diary(client, 1, "Ann's", "x", pin="0000")
    url = f"/v1/diaries/{created['id']}"
    shown = await client.get(url, headers=ADMIN)
    asked = await client.get(f"{url}?fields[diary]=pin", headers=ADMIN)

    assert created["attributes"] == {
        "title": "Ann's",
        "entry": "x",
        "owner-id": 1,
        "has-pin": True,
    }
    assert "pin" not in shown.json()["data"]["attributes"] and "0000" not in shown.text
    assert asked.status_code == 400
    async with toy_db.sessions() as session:
        assert (await session.get(Diary, int(created["id"]))).pin == "0000"
