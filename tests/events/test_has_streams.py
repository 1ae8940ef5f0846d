"""`GET /v1/events/{id|identifier}/has-streams`, asked by every public event page: no video
streams exist yet, for anyone who may see the event; a 404 for anyone else."""

from __future__ import annotations

from tests.appfixtures import jwt, login, make_user
from tests.events.helpers import create_event

NONE = {"exists": False, "can_access": False}


async def test_a_published_event_has_no_streams_by_id_or_identifier(client, app_db):
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    event = await create_event(client, token, state="published")

    for key in (event["id"], event["attributes"]["identifier"]):
        for headers in ({}, jwt(token)):
            response = await client.get(f"/v1/events/{key}/has-streams", headers=headers)
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("application/json")
            assert response.json() == NONE


async def test_a_draft_is_found_only_by_those_who_may_see_it(client, app_db):
    await make_user(app_db, "owner@example.com")
    owner = await login(client, "owner@example.com")
    await make_user(app_db, "other@example.com")
    other = await login(client, "other@example.com")
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = await login(client, "admin@example.com")
    draft = await create_event(client, owner)
    url = f"/v1/events/{draft['attributes']['identifier']}/has-streams"

    anonymous = await client.get(url)
    stranger = await client.get(url, headers=jwt(other))
    by_owner = await client.get(url, headers=jwt(owner))
    by_admin = await client.get(url, headers=jwt(admin))

    assert anonymous.status_code == 404 and stranger.status_code == 404
    assert by_owner.json() == NONE and by_admin.json() == NONE


async def test_deleted_and_unknown_events_are_not_found(client, app_db):
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    event = await create_event(client, token, state="published")
    await client.delete(f"/v1/events/{event['id']}", headers=jwt(token))

    deleted = await client.get(f"/v1/events/{event['id']}/has-streams", headers=jwt(token))
    unknown = await client.get("/v1/events/abcdefgh/has-streams")
    too_large = await client.get(f"/v1/events/{2**70}/has-streams")

    assert (deleted.status_code, unknown.status_code, too_large.status_code) == (404, 404, 404)
