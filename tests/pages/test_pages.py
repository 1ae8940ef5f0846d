"""Site pages: admins write them, anyone reads them the way the frontend asks on every page."""

from __future__ import annotations

from sqlalchemy import select

from hallway.pages.models import Page
from tests.appfixtures import JSONAPI, jwt, login, make_user

BOOT = "/v1/pages?cache=true&public=true"


def page_body(**attributes) -> dict:
    values = {"name": "About", "url": "about", **attributes}
    return {"data": {"type": "page", "attributes": values}}


async def admin_token(client, app_db) -> str:
    await make_user(app_db, "admin@example.com", is_admin=True)
    return await login(client, "admin@example.com")


async def stored_pages(app_db) -> list[tuple[str, str | None]]:
    async with app_db.sessions() as session:
        rows = await session.execute(select(Page.name, Page.title).order_by(Page.id))
        return [tuple(row) for row in rows]


async def test_an_admin_writes_a_page_and_anyone_reads_it(client, app_db):
    admin = await admin_token(client, app_db)
    body = page_body(
        title="About us",
        description="<p>Hello</p><script>alert(1)</script>",
        place="footer",
        language="en",
        index=2,
    )

    created = await client.post("/v1/pages", json=body, headers=jwt(admin))
    listed = await client.get(BOOT)
    detail = await client.get(f"/v1/pages/{created.json()['data']['id']}")

    assert created.status_code == 201, created.text
    expected = {
        "name": "About",
        "title": "About us",
        "url": "about",
        "description": "<p>Hello</p>",
        "place": "footer",
        "language": "en",
        "index": 2,
    }
    assert created.json()["data"]["attributes"] == expected
    assert listed.status_code == 200
    assert listed.json()["meta"]["count"] == 1
    assert listed.json()["data"][0]["type"] == "page"
    assert listed.json()["data"][0]["attributes"] == expected
    assert detail.json()["data"]["attributes"] == expected
    assert await stored_pages(app_db) == [("About", "About us")]


async def test_the_index_defaults_to_zero_and_the_optional_attributes_to_null(client, app_db):
    admin = await admin_token(client, app_db)

    created = await client.post("/v1/pages", json=page_body(), headers=jwt(admin))

    assert created.json()["data"]["attributes"] == {
        "name": "About",
        "title": None,
        "url": "about",
        "description": None,
        "place": None,
        "language": None,
        "index": 0,
    }


async def test_anonymous_callers_and_users_cannot_write_pages(client, app_db):
    admin = await admin_token(client, app_db)
    page = (await client.post("/v1/pages", json=page_body(), headers=jwt(admin))).json()["data"]
    await make_user(app_db, "ann@example.com")
    user = await login(client, "ann@example.com")
    change = {"data": {"type": "page", "id": page["id"], "attributes": {"title": "Mine"}}}

    for headers in ({"Content-Type": JSONAPI}, jwt(user)):
        created = await client.post("/v1/pages", json=page_body(name="Spam"), headers=headers)
        changed = await client.patch(f"/v1/pages/{page['id']}", json=change, headers=headers)
        deleted = await client.delete(f"/v1/pages/{page['id']}", headers=headers)
        assert (created.status_code, changed.status_code, deleted.status_code) == (403,) * 3

    assert await stored_pages(app_db) == [("About", None)]


async def test_an_admin_changes_and_deletes_a_page(client, app_db):
    admin = await admin_token(client, app_db)
    page = (await client.post("/v1/pages", json=page_body(), headers=jwt(admin))).json()["data"]
    url = f"/v1/pages/{page['id']}"

    changed = await client.patch(
        url,
        json={"data": {"type": "page", "id": page["id"], "attributes": {"title": "Who we are"}}},
        headers=jwt(admin),
    )
    title = await stored_pages(app_db)
    deleted = await client.delete(url, headers=jwt(admin))
    gone = await client.get(url)

    assert changed.status_code == 200
    assert changed.json()["data"]["attributes"]["title"] == "Who we are"
    assert title == [("About", "Who we are")]
    assert deleted.status_code == 200
    assert deleted.json()["meta"] == {"message": "Object successfully deleted"}
    assert gone.status_code == 404
    assert await stored_pages(app_db) == []


async def test_a_page_needs_a_name_a_url_and_a_known_place(client, app_db):
    admin = await admin_token(client, app_db)
    page = (await client.post("/v1/pages", json=page_body(), headers=jwt(admin))).json()["data"]

    refused = [
        await client.post("/v1/pages", json=body, headers=jwt(admin))
        for body in (
            {"data": {"type": "page", "attributes": {"url": "about"}}},
            {"data": {"type": "page", "attributes": {"name": "About"}}},
            page_body(place="sidebar"),
        )
    ]
    emptied = await client.patch(
        f"/v1/pages/{page['id']}",
        json={"data": {"type": "page", "id": page["id"], "attributes": {"url": None}}},
        headers=jwt(admin),
    )

    assert [r.status_code for r in refused] == [422, 422, 422]
    assert refused[2].json()["errors"][0]["source"]["pointer"] == "/data/attributes/place"
    assert emptied.status_code == 422
    assert await stored_pages(app_db) == [("About", None)]


async def test_pages_are_filtered_by_place_and_sorted_by_position(client, app_db):
    admin = await admin_token(client, app_db)
    for name, place, index in (
        ("Terms", "footer", 3),
        ("Venue", "event", 1),
        ("About", "footer", 1),
    ):
        body = page_body(name=name, url=name.lower(), place=place, index=index)
        await client.post("/v1/pages", json=body, headers=jwt(admin))

    footer = await client.get(
        '/v1/pages?filter=[{"name":"place","op":"eq","val":"footer"}]&sort=index'
    )

    assert [p["attributes"]["name"] for p in footer.json()["data"]] == ["About", "Terms"]
