"""Other people's events: someone who does not run an event (a stranger, or a holder of a lesser
role such as moderator) reads none of what a draft or trashed event hides, nor the protected
parts of a published one, and changes nothing of it through any write path: the event, its
relationships, its copyright, its grants, the groups it is in.

The scene: Ann's event (with its copyright, group, and Dave as organizer) in the state under
test; Bob, a stranger with an event, copyright and group of his own; Carl, moderator,
registrar and track organizer of Ann's event. Refusals are 404 where the caller may not even
see the object, 403 where they may see but not change it, 405 where no such write exists; and
afterwards every event, copyright, grant and group is as it was."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from hallway.events.models import Event, EventCopyright
from hallway.groups.models import Group
from hallway.roles.models import Role, UsersEventsRoles
from hallway.users.models import User
from tests import seeding
from tests.security.conftest import assert_clean_error

LESSER_ROLES = ("moderator", "registrar", "track_organizer")


async def _grant(session, event_id: int, user_id: int, *roles: str) -> list[int]:
    found = dict((await session.execute(select(Role.name, Role.id))).all())
    rows = [UsersEventsRoles(event_id=event_id, user_id=user_id, role_id=found[r]) for r in roles]
    session.add_all(rows)
    await session.flush()
    return [row.id for row in rows]


async def build_scene(app_db, bob, carl, state: str) -> dict[str, Any]:
    async with app_db.sessions() as session, session.begin():
        [ann, dave] = await seeding.accounts(session, 2)
        [event] = await seeding.events(session, 1, hosts=[ann])
        [mine] = await seeding.events(session, 1, hosts=[await session.get(User, bob.id)])
        event.state = "draft" if state == "draft" else "published"  # trashed: once published
        event.deleted_at = datetime.now(UTC) if state == "trashed" else None
        [grant] = await _grant(session, event.id, dave.id, "organizer")
        await _grant(session, event.id, carl.id, *LESSER_ROLES)
        licences = select(EventCopyright.event_id, EventCopyright.id)
        copyright_of = dict((await session.execute(licences)).all())
    return dict(
        event=event.id,
        identifier=event.identifier,
        group=event.group_id,
        grant=grant,
        copyright=copyright_of[event.id],
        bob=bob.id,
        carl=carl.id,
        my_event=mine.id,
        my_group=mine.group_id,
        my_type=mine.event_type_id,
        my_topic=mine.event_topic_id,
        my_sub=mine.event_sub_topic_id,
        my_copyright=copyright_of[mine.id],
    )


@pytest.fixture
async def carl(sign_in):
    return await sign_in("carl@example.com")


async def snapshot(app_db) -> dict[str, list[tuple[Any, ...]]]:
    """Every event, copyright, grant and group as stored."""
    found = {}
    async with app_db.engine.connect() as conn:
        for model in (Event, EventCopyright, UsersEventsRoles, Group):
            rows = await conn.execute(select(model.__table__).order_by(model.id))
            found[model.__tablename__] = [tuple(row) for row in rows]
    return found


# -- reads ---------------------------------------------------------------------------------------
# What a draft or trashed event hides from everyone but those who run it: 404 for all.
HIDDEN_WITH_THE_EVENT = (
    "/v1/events/{event}",
    "/v1/events/{identifier}",
    "/v1/events/{event}?get_trashed=true",
    "/v1/events/{event}/event-copyright",
    "/v1/events/{event}/owner",
    "/v1/events/{event}/organizers",
    "/v1/events/{event}/roles",
    "/v1/events/{event}/relationships/owner",
    "/v1/events/{event}/relationships/event-type",
    "/v1/events/{event}/order-statistics",
    "/v1/events/{event}/general-statistics",
    "/v1/events/{event}/has-streams",
    "/v1/event-copyrights/{copyright}",
    "/v1/order-statistics-events/{event}",
    "/v1/event-statistics-generals/{event}",
)
# Lists that must leave the hidden event (or its copyright) out: path -> (type, scene key).
LISTS_WITHOUT_IT = {
    "/v1/events": ("event", "event"),
    "/v1/events?get_trashed=true": ("event", "event"),
    '/v1/events?filter=[{{"name":"id","op":"eq","val":{event}}}]': ("event", "event"),
    "/v1/event-copyrights": ("event-copyright", "copyright"),
    "/v1/groups/{group}/events": ("event", "event"),
    "/v1/order-statistics-events": ("order-statistics-event", "event"),
}
# What only those who run a published event see: 404 (one object) or left out of the list.
PROTECTED_WHEN_PUBLISHED = (
    "/v1/events/{event}/order-statistics",
    "/v1/events/{event}/general-statistics",
    "/v1/order-statistics-events/{event}",
    "/v1/event-statistics-generals/{event}",
    "/v1/users-events-roles/{grant}",
    "/v1/users-events-roles/{grant}/user",
)


def observers(bob, carl) -> dict[str, dict[str, str]]:
    return {"anonymous": {}, "stranger": bob.headers, "moderator": carl.headers}


@pytest.mark.parametrize("state", ["draft", "trashed"])
@pytest.mark.parametrize("template", HIDDEN_WITH_THE_EVENT)
async def test_a_hidden_event_is_not_found_through_any_of_its_paths(
    client, app_db, bob, carl, state, template
):
    scene = await build_scene(app_db, bob, carl, state)

    for name, headers in observers(bob, carl).items():
        response = await client.get(template.format(**scene), headers=headers)
        assert response.status_code == 404, (name, response.text)
        assert_clean_error(response, 404)


@pytest.mark.parametrize("state", ["draft", "trashed"])
@pytest.mark.parametrize("template", LISTS_WITHOUT_IT)
async def test_a_hidden_event_is_left_out_of_every_list(client, app_db, bob, carl, state, template):
    scene = await build_scene(app_db, bob, carl, state)
    type_, key = LISTS_WITHOUT_IT[template]

    for name, headers in observers(bob, carl).items():
        response = await client.get(template.format(**scene), headers=headers)
        assert response.status_code == 200, (name, response.text)
        listed = {(item["type"], item["id"]) for item in response.json()["data"]}
        assert (type_, str(scene[key])) not in listed, name


@pytest.mark.parametrize("state", ["draft", "trashed", "published"])
async def test_a_lesser_role_finds_the_event_among_its_own_only_once_published(
    client, app_db, bob, carl, state
):
    scene = await build_scene(app_db, bob, carl, state)

    for path in ("/v1/users/{carl}/events", "/v1/users/{carl}/moderator-events", "/v1/events"):
        response = await client.get(path.format(**scene) + "?withRole=true", headers=carl.headers)
        assert response.status_code == 200, (path, response.text)
        listed = {item["id"] for item in response.json()["data"]}
        assert (str(scene["event"]) in listed) is (state == "published"), path


@pytest.mark.parametrize("template", PROTECTED_WHEN_PUBLISHED)
async def test_the_protected_parts_of_a_published_event_stay_with_its_hosts(
    client, app_db, bob, carl, admin, template
):
    scene = await build_scene(app_db, bob, carl, "published")
    path = template.format(**scene)

    for name, headers in observers(bob, carl).items():
        response = await client.get(path, headers=headers)
        assert response.status_code == 404, (name, response.text)
        assert_clean_error(response, 404)
    assert (await client.get(path, headers=admin.headers)).status_code == 200


async def test_the_grants_of_a_published_event_are_not_listed_to_others(client, app_db, bob, carl):
    scene = await build_scene(app_db, bob, carl, "published")

    for path in (f"/v1/events/{scene['event']}/roles", "/v1/users-events-roles"):
        for name, headers in observers(bob, carl).items():
            response = await client.get(path, headers=headers)
            assert response.status_code == 200, (name, response.text)
            shown = {item["id"] for item in response.json()["data"]}
            assert str(scene["grant"]) not in shown, (name, path)


# -- writes --------------------------------------------------------------------------------------
def one(type_: str, key: str | None) -> Any:
    return lambda s: {"data": None if key is None else {"type": type_, "id": str(s[key])}}


def many(type_: str, *keys: str) -> Any:
    return lambda s: {"data": [{"type": type_, "id": str(s[k])} for k in keys]}


def resource(type_: str, key: str | None, attributes=None, **relationships) -> Any:
    def body(s: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {"type": type_, "attributes": attributes or {}}
        if key is not None:
            data["id"] = str(s[key])
        data["relationships"] = {name: link(s) for name, link in relationships.items()}
        return {"data": data}

    return body


E = "/v1/events/{event}"
REL = E + "/relationships/"
RENAME = {"name": "Taken over"}
# Refused with 404 while the caller cannot see Ann's event (a draft), 403 once they can
# (published): name -> ("METHOD path", body from the scene).
REFUSED: dict[str, tuple[str, Any]] = {
    "rename the event": (f"PATCH {E}", resource("event", "event", RENAME)),
    "rename it by identifier": (
        "PATCH /v1/events/{identifier}",
        resource("event", "identifier", RENAME),
    ),
    "publish it, make it private": (
        f"PATCH {E}",
        resource("event", "event", {"state": "published", "privacy": "private"}),
    ),
    "feature it": (f"PATCH {E}", resource("event", "event", {"is-featured": True})),
    "trash it by patch": (f"PATCH {E}", resource("event", "event", {"deleted-at": "2030-01-01"})),
    "retype it in the body": (
        f"PATCH {E}",
        resource("event", "event", **{"event-type": one("event-type", "my_type")}),
    ),
    "move it to my group in the body": (
        f"PATCH {E}",
        resource("event", "event", group=one("group", "my_group")),
    ),
    "name myself owner in the body": (
        f"PATCH {E}",
        resource("event", "event", owner=one("user", "bob")),
    ),
    "delete it": (f"DELETE {E}", None),
    "delete it permanently": (f"DELETE {E}?permanent=true", None),
    "relink its event type": (f"PATCH {REL}event-type", one("event-type", "my_type")),
    "relink its topic": (f"PATCH {REL}event-topic", one("event-topic", "my_topic")),
    "relink its sub-topic": (f"PATCH {REL}event-sub-topic", one("event-sub-topic", "my_sub")),
    "relink its group to mine": (f"PATCH {REL}group", one("group", "my_group")),
    "take it out of its group": (f"PATCH {REL}group", one("group", None)),
    "give it a copyright": (
        "POST /v1/event-copyrights",
        resource("event-copyright", None, {"licence": "MIT"}, event=one("event", "event")),
    ),
    "change its copyright": (
        "PATCH /v1/event-copyrights/{copyright}",
        resource("event-copyright", "copyright", {"licence": "MIT"}),
    ),
    "delete its copyright": ("DELETE /v1/event-copyrights/{copyright}", None),
    "take its copyright for my event": (
        "PATCH /v1/event-copyrights/{copyright}/relationships/event",
        one("event", "my_event"),
    ),
    "move my copyright onto it": (
        "PATCH /v1/event-copyrights/{my_copyright}/relationships/event",
        one("event", "event"),
    ),
    "move my copyright onto it in the body": (
        "PATCH /v1/event-copyrights/{my_copyright}",
        resource("event-copyright", "my_copyright", event=one("event", "event")),
    ),
    "put it in my group": (
        "PATCH /v1/groups/{my_group}/relationships/events",
        many("event", "my_event", "event"),
    ),
    "add it to my group": (
        "POST /v1/groups/{my_group}/relationships/events",
        many("event", "event"),
    ),
    "add it to my group in the body": (
        "PATCH /v1/groups/{my_group}",
        resource("group", "my_group", events=many("event", "my_event", "event")),
    ),
    "start a group with it": (
        "POST /v1/groups",
        resource("group", None, {"name": "Mine"}, events=many("event", "event")),
    ),
}
# Refused alike whatever the state: name -> (status, "METHOD path", body).
ALWAYS: dict[str, tuple[int, str, Any]] = {
    "make myself its owner": (405, f"PATCH {REL}owner", one("user", "bob")),
    "add myself to its organizers": (405, f"POST {REL}organizers", many("user", "bob")),
    "replace its grants": (405, f"PATCH {REL}roles", many("users-events-roles")),
    "relink its copyright": (
        405,
        f"PATCH {REL}event-copyright",
        one("event-copyright", "my_copyright"),
    ),
    "patch my event with its id": (
        409,
        "PATCH /v1/events/{my_event}",
        resource("event", "event", RENAME),
    ),
    "revoke its organizer's grant": (404, "DELETE /v1/users-events-roles/{grant}", None),
    "grant myself a role on it": (
        405,
        "POST /v1/users-events-roles",
        resource("users-events-roles", None, event=one("event", "event"), user=one("user", "bob")),
    ),
    "change its organizer's grant": (
        404,
        "PATCH /v1/users-events-roles/{grant}",
        resource("users-events-roles", "grant", user=one("user", "bob")),
    ),
    "take it out of its group from the group": (
        403,
        "DELETE /v1/groups/{group}/relationships/events",
        many("event", "event"),
    ),
    "rename its group": (403, "PATCH /v1/groups/{group}", resource("group", "group", RENAME)),
    "delete its group": (403, "DELETE /v1/groups/{group}", None),
    "change its statistics": (405, "PATCH /v1/order-statistics-events/{event}", None),
    "delete its statistics": (405, "DELETE /v1/event-statistics-generals/{event}", None),
    # Relationships other domains attach are read-only: sent in a body, they are ignored.
    "claim it from my account": (
        200,
        "PATCH /v1/users/{bob}",
        resource("user", "bob", **{"owner-events": many("event", "event")}),
    ),
}


def expected(write: str, state: str) -> int:
    if write in ALWAYS:
        return ALWAYS[write][0]
    return 404 if state == "draft" else 403


def call_of(write: str) -> tuple[str, str, Any]:
    line, body = REFUSED[write] if write in REFUSED else ALWAYS[write][1:]
    method, path = line.split(" ", 1)
    return method, path, body


async def attempt(client, scene: dict[str, Any], write: str, headers: dict[str, str]) -> Any:
    method, path, body = call_of(write)
    payload = None if body is None else body(scene)
    return await client.request(method, path.format(**scene), headers=headers, json=payload)


@pytest.mark.parametrize("state", ["draft", "published"])
@pytest.mark.parametrize("write", [*REFUSED, *ALWAYS])
async def test_a_stranger_changes_nothing_of_someone_elses_event(
    client, app_db, bob, carl, state, write
):
    scene = await build_scene(app_db, bob, carl, state)
    before = await snapshot(app_db)

    response = await attempt(client, scene, write, bob.headers)

    if expected(write, state) == 200:
        assert response.status_code == 200, response.text
    else:
        assert_clean_error(response, expected(write, state))
    assert await snapshot(app_db) == before


# What the moderator (registrar, track organizer) of the published event may not do either.
HOSTS_ONLY = (
    *("rename the event", "publish it, make it private", "trash it by patch", "delete it"),
    *("retype it in the body", "relink its topic", "take it out of its group"),
    *("give it a copyright", "change its copyright", "delete its copyright"),
    "start a group with it",
)


@pytest.mark.parametrize("write", HOSTS_ONLY)
async def test_a_lesser_role_changes_nothing_of_the_event(client, app_db, bob, carl, write):
    scene = await build_scene(app_db, bob, carl, "published")
    before = await snapshot(app_db)

    response = await attempt(client, scene, write, carl.headers)

    assert_clean_error(response, 403)
    assert await snapshot(app_db) == before
