"""One front door: engine requests answered through the engine's door and through FastAPI's
router (the catch-all route) are the same, byte for byte, and the application cannot be
changed once `create_app` has returned."""

from __future__ import annotations

import pytest
from starlette.middleware import Middleware
from starlette.routing import Route

from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event, event_body

ORIGIN = {"Origin": "http://localhost:4200"}
PREFLIGHT = {**ORIGIN, "Access-Control-Request-Method": "PATCH"}


def _requests(event_id: str, identifier: str) -> list[tuple[str, str, dict[str, str], object]]:
    return [
        ("GET", "/v1/events", {}, None),
        ("GET", "/v1/events/", {}, None),
        ("GET", f"/v1/events/{event_id}?include=owner,event-type", {}, None),
        ("GET", f"/v1/events/{identifier}/", {}, None),
        ("GET", f"/v1/events/{event_id}/relationships/owner", {}, None),
        ("GET", f"/v1/events/{event_id}/tickets", {}, None),
        ("HEAD", f"/v1/events/{event_id}", {}, None),
        ("OPTIONS", "/v1/events", {}, None),
        ("OPTIONS", f"/v1/events/{event_id}", PREFLIGHT, None),
        ("GET", "/v1/events", ORIGIN, None),
        ("PUT", "/v1/events", {}, None),
        ("GET", "/v1/nothing-here", {}, None),
        ("GET", "/v1/events/999999", {}, None),
        ("GET", "/v1/events?sort=nope", {}, None),
        ("GET", "/v1/events", {"Accept": "text/html"}, None),
        ("POST", "/v1/events", {"Content-Type": "application/json"}, event_body()),
        ("PATCH", f"/v1/events/{event_id}", {"Content-Type": JSONAPI}, {"data": {}}),
        ("GET", "/v1/events?page[size]=1", {"Accept-Encoding": "gzip"}, None),
    ]


async def _answer(client, method, path, headers, body):
    response = await client.request(method, path, headers=headers, json=body)
    headers = sorted((k, v) for k, v in response.headers.items() if k != "x-request-id")
    return response.status_code, headers, response.content  # a request's id is its own


async def test_the_door_and_the_router_answer_alike(app, client, app_db):
    await make_user(app_db, "owner@example.com")
    token = await login(client, "owner@example.com")
    event = await create_event(client, token)
    for _ in range(25):  # a page large enough for gzip
        await create_event(client, token, name="Another event with a fairly long name")
    door = app.state.door
    assert door.enabled

    for method, path, headers, body in _requests(event["id"], event["attributes"]["identifier"]):
        signed = {**jwt(token), **headers}
        door.enabled = True
        through_door = await _answer(client, method, path, signed, body)
        door.enabled = False
        through_router = await _answer(client, method, path, signed, body)
        door.enabled = True
        assert through_door == through_router, (method, path)
        assert through_door[0] < 500, (method, path)


async def test_custom_routes_under_v1_never_take_the_door(app, client):
    door = app.state.door
    scope = {"type": "http", "path": "/v1/events/upcoming", "root_path": ""}
    assert not door.is_engine_request(scope)
    assert not door.is_engine_request({**scope, "path": "/v1/auth/reset-password"})
    assert door.is_engine_request({**scope, "path": "/v1/events/upcoming/tickets"})
    assert door.is_engine_request({**scope, "path": "/v1/events"})
    upcoming = await client.get("/v1/events/upcoming")
    assert upcoming.status_code == 200


async def test_the_application_is_frozen_after_create_app(app):
    with pytest.raises(RuntimeError, match="frozen"):
        app.add_middleware(Middleware, object)
    with pytest.raises(RuntimeError, match="frozen"):
        app.router.routes.append(Route("/late", lambda request: None))
    with pytest.raises(RuntimeError, match="frozen"):
        app.add_api_route("/v1/late", lambda: {})
