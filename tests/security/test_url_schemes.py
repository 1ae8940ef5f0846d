"""Addresses that end up in links and images accept http and https only; HTML a user writes
about themself is cleaned like an event's. Refusals are 422 naming the attribute, and change
nothing."""

from __future__ import annotations

import pytest

from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event, patch_body
from tests.groups.helpers import create_group
from tests.users.test_deletion import stored

HOSTILE = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"]


def _user_patch(user_id: int, **attributes: object) -> dict:
    return {"data": {"type": "user", "id": str(user_id), "attributes": attributes}}


async def _ann(client, app_db) -> tuple[int, str]:
    ann = await make_user(app_db, "ann@example.com")
    return ann.id, await login(client, "ann@example.com")


@pytest.mark.parametrize("value", HOSTILE)
async def test_a_profile_refuses_other_schemes(client, app_db, value):
    ann, token = await _ann(client, app_db)

    for name in ("avatar-url", "facebook-url", "twitter-url"):
        response = await client.patch(
            f"/v1/users/{ann}", json=_user_patch(ann, **{name: value}), headers=jwt(token)
        )
        assert response.status_code == 422, (name, response.text)
        assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{name}"
    user = await stored(app_db, ann)
    assert (user.avatar_url, user.facebook_url, user.twitter_url) == (None, None, None)


async def test_a_profile_keeps_web_addresses_and_cleans_its_html(client, app_db):
    ann, token = await _ann(client, app_db)
    body = _user_patch(
        ann,
        **{
            "facebook-url": "https://facebook.com/ann",
            "twitter-url": "",
            "instagram-url": "instagram.com/ann",
            "details": '<p onclick="steal()">Hi</p><script>steal()</script>',
        },
    )

    response = await client.patch(f"/v1/users/{ann}", json=body, headers=jwt(token))

    assert response.status_code == 200, response.text
    user = await stored(app_db, ann)
    assert user.facebook_url == "https://facebook.com/ann" and user.twitter_url is None
    assert user.instagram_url == "https://instagram.com/ann"  # as the web frontend accepts it
    assert user.details == "<p>Hi</p>"


@pytest.mark.parametrize("value", HOSTILE)
async def test_an_event_refuses_other_schemes_in_its_addresses_and_documents(client, app_db, value):
    _, token = await _ann(client, app_db)
    event = await create_event(client, token)
    base = f"/v1/events/{event['id']}"

    url = await client.patch(
        base, json=patch_body(event, **{"external-event-url": value}), headers=jwt(token)
    )
    documents = await client.patch(
        base,
        json=patch_body(event, **{"document-links": [{"name": "Flyer", "link": value}]}),
        headers=jwt(token),
    )

    assert url.status_code == 422 and documents.status_code == 422
    shown = (await client.get(base, headers=jwt(token))).json()["data"]["attributes"]
    assert shown["external-event-url"] is None and shown["document-links"] in (None, [])


async def test_a_group_and_a_page_refuse_other_schemes(client, app_db):
    _, token = await _ann(client, app_db)
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = jwt(await login(client, "admin@example.com"))
    social = [{"name": "Site", "link": "javascript:alert(1)", "is_custom": True}]

    group = await client.post(
        "/v1/groups",
        json={"data": {"type": "group", "attributes": {"name": "G", "social-links": social}}},
        headers=jwt(token),
    )
    hostile_page = await client.post(
        "/v1/pages",
        json={"data": {"type": "page", "attributes": {"name": "x", "url": "javascript:x"}}},
        headers={**admin, "Content-Type": JSONAPI},
    )
    fine_page = await client.post(
        "/v1/pages",
        json={"data": {"type": "page", "attributes": {"name": "about", "url": "/about"}}},
        headers={**admin, "Content-Type": JSONAPI},
    )
    made = await create_group(client, token, "Fine", **{"logo-url": "https://img.example/g.png"})
    site_path = await create_group(client, token, "Local", **{"logo-url": "/images/g.png"})

    assert group.status_code == 422 and hostile_page.status_code == 422
    assert fine_page.status_code == 201
    assert made["attributes"]["logo-url"] == "https://img.example/g.png"
    assert site_path["attributes"]["logo-url"] == "/images/g.png"  # the licence logos are so
