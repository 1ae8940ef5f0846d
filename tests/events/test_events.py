"""Events: creation and ownership, visibility of drafts, publishing, flags, deletion."""

from __future__ import annotations

import re

from sqlalchemy import select

from hallway.events.models import Event
from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event, event_body, patch_body

NOON = "2030-05-04T12:00:00Z"


async def owner_token(client, app_db, email="owner@example.com", **flags) -> str:
    await make_user(app_db, email, **flags)
    return await login(client, email)


async def test_creating_an_event_makes_the_creator_its_owner(client, app_db):
    token = await owner_token(client, app_db)

    event = await create_event(client, token)
    owner = await client.get(f"/v1/events/{event['id']}/owner", headers=jwt(token))
    me = (await client.get("/v1/users/user-details/get-user-id", headers=jwt(token))).json()
    mine = await client.get(f"/v1/users/{me['user_id']}/owner-events", headers=jwt(token))

    identifier = event["attributes"]["identifier"]
    assert re.fullmatch(r"[0-9a-f]{8}", identifier) and not identifier.isdigit()
    assert event["attributes"]["state"] == "draft"
    assert event["attributes"]["starts-at"] == "2031-06-01T07:00:00+00:00"
    assert owner.json()["data"]["id"] == me["user_id"]
    assert [e["id"] for e in mine.json()["data"]] == [event["id"]]


async def test_only_verified_users_create_events(client, app_db):
    unverified = await owner_token(client, app_db, "new@example.com", is_verified=False)

    refused = await client.post("/v1/events", json=event_body(), headers=jwt(unverified))
    anonymous = await client.post(
        "/v1/events", json=event_body(), headers={"Content-Type": JSONAPI}
    )

    assert refused.status_code == 403 and anonymous.status_code == 403
    async with app_db.sessions() as session:
        assert (await session.scalars(select(Event))).all() == []


async def test_dates_and_time_zone_are_validated(client, app_db):
    token = await owner_token(client, app_db)

    backwards = await client.post(
        "/v1/events",
        headers=jwt(token),
        json=event_body(**{"starts-at": "2031-06-03T09:00:00Z", "ends-at": "2031-06-01T09:00:00Z"}),
    )
    zone = await client.post(
        "/v1/events", headers=jwt(token), json=event_body(timezone="Mars/Olympus_Mons")
    )
    latitude = await client.post("/v1/events", headers=jwt(token), json=event_body(latitude=91))

    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["source"]["pointer"] == "/data/attributes/ends-at"
    assert zone.status_code == 422 and latitude.status_code == 422


async def test_html_fields_are_sanitized(client, app_db):
    token = await owner_token(client, app_db)

    event = await create_event(
        client, token, description='<p onclick="x()">Hi<script>bad()</script></p>'
    )

    assert event["attributes"]["description"] == "<p>Hi</p>"


async def test_drafts_exist_only_for_their_organizers(client, app_db):
    token = await owner_token(client, app_db)
    stranger = await owner_token(client, app_db, "stranger@example.com")
    draft = await create_event(client, token, "Draft")
    published = await create_event(client, token, "Live", state="published")

    for headers in ({}, jwt(stranger)):
        assert (await client.get(f"/v1/events/{draft['id']}", headers=headers)).status_code == 404
        listed = (await client.get("/v1/events", headers=headers)).json()
        assert [e["id"] for e in listed["data"]] == [published["id"]]
    own = (await client.get("/v1/events", headers=jwt(token))).json()
    assert {e["id"] for e in own["data"]} == {draft["id"], published["id"]}
    by_identifier = await client.get(
        f"/v1/events/{draft['attributes']['identifier']}", headers=jwt(token)
    )
    assert by_identifier.status_code == 200


async def test_publishing_needs_a_verified_user(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token)
    async with app_db.sessions() as session, session.begin():
        from hallway.users.models import User

        for user in (await session.scalars(select(User))).all():
            user.is_verified = False

    refused = await client.patch(
        f"/v1/events/{event['id']}", headers=jwt(token), json=patch_body(event, state="published")
    )

    assert refused.status_code == 403
    assert refused.json()["errors"][0]["source"]["code"] == "unverified-user"
    async with app_db.sessions() as session:
        assert (await session.scalar(select(Event.state))) == "draft"


async def test_organizers_update_by_identifier_with_the_numeric_body_id(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token)
    identifier = event["attributes"]["identifier"]

    response = await client.patch(
        f"/v1/events/{identifier}",
        headers=jwt(token),
        json=patch_body(event, name="PyCon 2031", state="published"),
    )

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["name"] == "PyCon 2031"
    assert response.json()["data"]["attributes"]["state"] == "published"


async def test_nobody_else_changes_an_event(client, app_db):
    token = await owner_token(client, app_db)
    stranger = await owner_token(client, app_db, "stranger@example.com")
    event = await create_event(client, token, state="published")

    response = await client.patch(
        f"/v1/events/{event['id']}", headers=jwt(stranger), json=patch_body(event, name="Hijacked")
    )
    deleted = await client.delete(f"/v1/events/{event['id']}", headers=jwt(stranger))

    assert response.status_code == 403 and deleted.status_code == 403
    async with app_db.sessions() as session:
        stored = (await session.scalars(select(Event))).one()
    assert stored.name == "PyCon" and stored.deleted_at is None


async def test_a_changed_date_must_still_end_after_the_start(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token)

    response = await client.patch(
        f"/v1/events/{event['id']}",
        headers=jwt(token),
        json=patch_body(event, **{"ends-at": "2030-01-01T00:00:00Z"}),
    )

    assert response.status_code == 422


async def test_promotion_flags_are_for_admins_only(client, app_db):
    token = await owner_token(client, app_db)
    admin = await owner_token(client, app_db, "admin@example.com", is_admin=True)
    event = await create_event(client, token, state="published")

    organizer = await client.patch(
        f"/v1/events/{event['id']}",
        headers=jwt(token),
        json=patch_body(event, **{"is-featured": True}),
    )
    unchanged = await client.patch(
        f"/v1/events/{event['id']}",
        headers=jwt(token),
        json=patch_body(event, **{"is-featured": False, "name": "X"}),
    )
    by_admin = await client.patch(
        f"/v1/events/{event['id']}",
        headers=jwt(admin),
        json=patch_body(event, **{"is-featured": True}),
    )

    assert organizer.status_code == 403
    assert unchanged.status_code == 200
    assert by_admin.status_code == 200
    assert by_admin.json()["data"]["attributes"]["is-featured"] is True


async def test_delete_trashes_and_the_owner_restores(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token, state="published")

    deleted = await client.delete(f"/v1/events/{event['id']}", headers=jwt(token))
    hidden = await client.get(f"/v1/events/{event['id']}", headers=jwt(token))
    restored = await client.patch(
        f"/v1/events/{event['id']}?get_trashed=true",
        headers=jwt(token),
        json=patch_body(event, **{"deleted-at": None}),
    )

    assert deleted.status_code == 200 and hidden.status_code == 404
    assert restored.status_code == 200
    assert (await client.get(f"/v1/events/{event['id']}")).status_code == 200


async def test_planned_relationships_answer_empty(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token, state="published")

    tickets = await client.get(f"/v1/events/{event['id']}/tickets?page[size]=0")
    call = await client.get(f"/v1/events/{event['id']}/speakers-call")
    included = await client.get(
        f"/v1/events/{event['attributes']['identifier']}?include=social-links,event-copyright,"
        "speakers-call,tax,owner,organizers,video-stream,custom-forms,group,group.followers,"
        "group.followers.user",
        headers=jwt(token),
    )

    assert tickets.json()["data"] == [] and tickets.json()["meta"]["count"] == 0
    assert call.status_code == 404  # the client creates a call for speakers on this failure
    assert included.status_code == 200
    relationships = included.json()["data"]["relationships"]
    assert relationships["tax"] == {
        "links": {"self": f"/v1/events/{event['id']}/relationships/tax"},
        "data": None,
    }
    # Every event asks its attendees for their names and e-mail address.
    assert len(relationships["custom-forms"]["data"]) == 3
    assert relationships["owner"]["data"]["type"] == "user"


async def test_the_home_page_queries_answer(client, app_db):
    token = await owner_token(client, app_db)
    await create_event(client, token, state="published", **{"is-sessions-speakers-enabled": True})
    featured = (
        '[{"and":[{"name":"state","op":"eq","val":"published"},{"name":"privacy","op":'
        '"eq","val":"public"},{"name":"is-featured","op":"eq","val":true}]},{"or":[{"name"'
        ':"ends-at","op":"ge","val":"2020-01-01T00:00:00Z"}]}]'
    )
    call_open = (
        '[{"name":"is-sessions-speakers-enabled","op":"eq","val":true},'
        '{"name":"speakers-call","op":"has","val":{"name":"privacy","op":"eq",'
        '"val":"public"}},{"name":"speakers-call","op":"has","val":{"name":"announcement",'
        '"op":"ne","val":null}},{"name":"event-topic","op":"ne","val":null}]'
    )

    include = "include=event-topic,event-sub-topic,event-type&page[size]=6&sort=starts-at"
    first = await client.get(f"/v1/events?cache=true&public=true&filter={featured}&{include}")
    second = await client.get(f"/v1/events?filter={call_open}&{include}")

    assert first.status_code == 200 and first.json()["meta"]["count"] == 0
    assert second.status_code == 200 and second.json()["meta"]["count"] == 0


async def test_with_role_lists_the_callers_events(client, app_db):
    token = await owner_token(client, app_db)
    other = await owner_token(client, app_db, "other@example.com")
    mine = await create_event(client, token, "Mine", state="published")
    await create_event(client, other, "Theirs", state="published")

    with_role = (await client.get("/v1/events?withRole=true", headers=jwt(token))).json()
    anonymous = (await client.get("/v1/events?withRole=true")).json()

    assert [e["id"] for e in with_role["data"]] == [mine["id"]]
    assert anonymous["data"] == []


async def test_upcoming_lists_promoted_public_future_events(client, app_db):
    token = await owner_token(client, app_db)
    admin = await owner_token(client, app_db, "admin@example.com", is_admin=True)
    promoted = await create_event(client, token, "Promoted", state="published")
    await create_event(client, token, "Plain", state="published")
    await client.patch(
        f"/v1/events/{promoted['id']}",
        headers=jwt(admin),
        json=patch_body(promoted, **{"is-promoted": True}),
    )

    response = await client.get("/v1/events/upcoming?include=event-topic&page[size]=12")

    assert response.status_code == 200
    assert [e["id"] for e in response.json()["data"]] == [promoted["id"]]


async def test_an_owner_of_live_events_cannot_delete_their_account(client, app_db):
    token = await owner_token(client, app_db)
    event = await create_event(client, token)
    me = (await client.get("/v1/users/user-details/get-user-id", headers=jwt(token))).json()

    refused = await client.delete(f"/v1/users/{me['user_id']}", headers=jwt(token))
    await client.delete(f"/v1/events/{event['id']}", headers=jwt(token))
    allowed = await client.delete(f"/v1/users/{me['user_id']}", headers=jwt(token))

    assert refused.status_code == 409
    assert allowed.status_code == 200


async def test_an_uploaded_banner_gives_the_event_its_image_sizes(client, app_db):
    import base64
    import io

    from PIL import Image

    token = await owner_token(client, app_db)
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (200, 30, 90)).save(buffer, format="PNG")
    data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    uploaded = await client.post(
        "/v1/upload/image", json={"data": data_url}, headers={"Authorization": f"JWT {token}"}
    )
    url = uploaded.json()["url"]

    event = await create_event(client, token, **{"original-image-url": url})
    external = await create_event(
        client, token, "Other", **{"original-image-url": "https://cdn.example/x.png"}
    )

    attributes = event["attributes"]
    assert attributes["thumbnail-image-url"] == url.replace(".png", "_thumbnail.png")
    assert attributes["large-image-url"] == url.replace(".png", "_large.png")
    assert attributes["icon-image-url"] == url.replace(".png", "_icon.png")
    thumbnail = await client.get(attributes["thumbnail-image-url"])
    assert thumbnail.status_code == 200, (thumbnail.status_code, thumbnail.text[:200])
    assert Image.open(io.BytesIO(thumbnail.content)).width == 500
    assert external["attributes"]["icon-image-url"] == "https://cdn.example/x.png"


async def test_the_epoch_unpublishes_the_schedule(client, app_db):
    """The web frontend's scheduler publishes with the time of the click and unpublishes with
    the epoch; the server keeps null for an unpublished schedule."""
    token = await owner_token(client, app_db)
    event = await create_event(client, token)
    path = f"/v1/events/{event['id']}"

    published = await client.patch(
        path, headers=jwt(token), json=patch_body(event, **{"schedule-published-on": NOON})
    )
    unpublished = await client.patch(
        path,
        headers=jwt(token),
        json=patch_body(event, **{"schedule-published-on": "1970-01-01T00:00:00.000Z"}),
    )

    assert published.json()["data"]["attributes"]["schedule-published-on"].startswith("2030")
    assert unpublished.status_code == 200, unpublished.text
    assert unpublished.json()["data"]["attributes"]["schedule-published-on"] is None


async def test_a_patch_if_match_the_events_etag_changes_it_and_a_stale_one_is_refused(
    client, app_db
):
    token = await owner_token(client, app_db)
    event = await create_event(client, token)
    url = f"/v1/events/{event['id']}"
    etag = (await client.get(url, headers=jwt(token))).headers["etag"]

    stale = await client.patch(
        url,
        json=patch_body(event, name="Stale"),
        headers={**jwt(token), "Content-Type": JSONAPI, "If-Match": 'W/"stale"'},
    )
    fresh = await client.patch(
        url,
        json=patch_body(event, name="Fresh"),
        headers={**jwt(token), "Content-Type": JSONAPI, "If-Match": etag},
    )

    assert stale.status_code == 412, stale.text
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["data"]["attributes"]["name"] == "Fresh"
