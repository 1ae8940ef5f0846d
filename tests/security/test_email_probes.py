"""Nobody learns another person's e-mail address: not an anonymous caller, not a plain user who
shares a group with them. Filters and sorts on it (directly or through relationships) are
refused, and every read path that renders a user shows others no more than the public profile.

The scene: Ann hosts a published event (every host role) and owns its group; Carl organizes the
event too and follows the group, as Bob (the signed-in observer) does; Dave hosts nothing. An
admin's request is the control that each probe is well formed and would find Ann."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from hallway.groups.models import UserFollowGroup
from hallway.notifications.models import Notification
from hallway.roles.models import Role, UsersEventsRoles
from hallway.users.fields import PUBLIC_PROFILE
from hallway.users.models import User
from tests import seeding
from tests.security.conftest import assert_clean_error

VICTIMS = {
    "ann": "ann.host@example.com",
    "carl": "carl.fan@example.com",
    "dave": "dave.quiet@example.com",
}
PUBLIC = {name.replace("_", "-") for name in PUBLIC_PROFILE}


async def _people(session) -> dict[str, int]:
    rows = {
        name: User(email=email, password_hash=seeding.NO_LOGIN, is_verified=True, first_name=name)
        for name, email in VICTIMS.items()
    }
    session.add_all(rows.values())
    await session.flush()
    return {name: user.id for name, user in rows.items()}


@pytest.fixture
async def scene(app_db, bob) -> dict[str, Any]:
    async with app_db.sessions() as session, session.begin():
        ids = await _people(session)
        hosts = [await session.get(User, ids["ann"])]
        [event] = await seeding.events(session, 1, hosts=hosts)
        event.original_image_url = event.logo_url = "https://img.example/e.png"  # upcoming
        organizer = await session.scalar(select(Role.id).where(Role.name == "organizer"))
        grant = UsersEventsRoles(event_id=event.id, user_id=ids["carl"], role_id=organizer)
        follows = [
            UserFollowGroup(user_id=u, group_id=event.group_id) for u in (bob.id, ids["carl"])
        ]
        note = Notification(user_id=ids["ann"], title="For Ann")
        session.add_all([grant, *follows, note, Notification(user_id=bob.id, title="For Bob")])
        await session.flush()
        ids.update(
            bob=bob.id,
            event=event.id,
            identifier=event.identifier,
            group=event.group_id,
            grant=grant.id,
            follow=follows[1].id,
            note=note.id,
            type=event.event_type_id,
            topic=event.event_topic_id,
            sub=event.event_sub_topic_id,
        )
    return ids


def rendered_users(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    data = body.get("data")
    objects = [*(data if isinstance(data, list) else [data]), *body.get("included", [])]
    return {
        o["id"]: o["attributes"] for o in objects if o and o["type"] == "user" and "attributes" in o
    }


def assert_nothing_private(response: Any, observer: int | None) -> None:
    for email in VICTIMS.values():
        assert email not in response.text and email.split("@")[0] not in response.text
    if response.status_code != 200:
        return
    for user_id, attributes in rendered_users(response.json()).items():
        if user_id != str(observer):
            assert set(attributes) <= PUBLIC, (user_id, sorted(set(attributes) - PUBLIC))


OBSERVERS = ("anonymous", "bob")


def observer_of(name: str, bob) -> tuple[dict[str, str], int | None]:
    return ({}, None) if name == "anonymous" else (bob.headers, bob.id)


# -- filters and sorts -----------------------------------------------------------------------
def _has(rel: str, inner: dict[str, Any]) -> dict[str, Any]:
    return {"name": rel, "op": "has", "val": inner}


def _email(op: str = "eq", val: Any = VICTIMS["ann"]) -> dict[str, Any]:
    return {"name": "email", "op": op, "val": val}


FILTER_PROBES = {
    "users: email eq": ("/v1/users", _email()),
    "users: email like": ("/v1/users", _email("like", "ann.host%")),
    "users: email ilike": ("/v1/users", _email("ilike", "%ANN.HOST%")),
    "users: email startswith": ("/v1/users", _email("startswith", "ann.")),
    "users: email in": ("/v1/users", _email("in_", [VICTIMS["ann"]])),
    "users: email between": ("/v1/users", _email("between", ["ann", "ann.z"])),
    "users: email inside or": ("/v1/users", {"or": [_email(), _email("eq", "x@y.z")]}),
    "users: email inside not": ("/v1/users", {"not": _email("ne")}),
    "users: compared with a field": (
        "/v1/users",
        {"name": "first-name", "op": "ne", "field": "email"},
    ),
    "users: field email": ("/v1/users", {"name": "email", "op": "ne", "field": "first-name"}),
    "users: is-admin of someone": ("/v1/users", {"name": "is-admin", "op": "eq", "val": False}),
    "events: owner has email": ("/v1/events", _has("owner", _email())),
    "events: owner__email": ("/v1/events", {"name": "owner__email", "op": "eq", "val": "ann"}),
    "events: owner has a list": ("/v1/events", _has("owner", [_email("like", "a%")])),
    "events: owner has not email": ("/v1/events", _has("owner", {"not": _email()})),
    "events: owner has created-at": (
        "/v1/events",
        _has("owner", {"name": "created-at", "op": "gt", "val": "2000-01-01T00:00:00"}),
    ),
    "events: group user email": ("/v1/events", _has("group", _has("user", _email()))),
    "groups: user has email": ("/v1/groups", _has("user", _email())),
    "groups: user__email": ("/v1/groups", {"name": "user__email", "op": "like", "val": "a%"}),
    "groups: followers user email": (
        "/v1/groups",
        {"name": "followers", "op": "any", "val": _has("user", _email("eq", VICTIMS["carl"]))},
    ),
    "follows: user__email": (
        "/v1/user-follow-groups",
        {"name": "user__email", "op": "eq", "val": "x"},
    ),
    "grants: user has email": ("/v1/users-events-roles", _has("user", _email())),
    "event organizers: email": ("/v1/events/{event}/organizers", _email()),
    "group followers: user__email": (
        "/v1/groups/{group}/followers",
        {"name": "user__email", "op": "eq", "val": VICTIMS["carl"]},
    ),
}


@pytest.mark.parametrize("observer", OBSERVERS)
@pytest.mark.parametrize("probe", FILTER_PROBES)
async def test_a_filter_on_someone_elses_email_is_refused(
    client, scene, bob, admin, probe, observer
):
    template, node = FILTER_PROBES[probe]
    path, params = template.format(**scene), {"filter": json.dumps([node])}
    headers, observer_id = observer_of(observer, bob)

    response = await client.get(path, params=params, headers=headers)
    control = await client.get(path, params=params, headers=admin.headers)

    assert_clean_error(response, 400)
    assert response.json()["errors"][0]["source"] == {"parameter": "filter"}
    assert_nothing_private(response, observer_id)
    assert control.status_code == 200, control.text  # the probe itself is well formed


# probe -> (path, the admin's status: sorting through a to-one without a foreign key, such as
# an event's owner, is refused to everyone, and must stay refused to others if it comes)
SORT_PROBES = {
    "users by email": ("/v1/users?sort=email", 200),
    "users by email, descending": ("/v1/users?sort=-email", 200),
    "users by name then email": ("/v1/users?sort=first-name,email", 200),
    "events by owner email": ("/v1/events?sort=owner.email", 400),
    "events by owner email, descending": ("/v1/events?sort=-owner.email", 400),
    "groups by owner email": ("/v1/groups?sort=user.email", 200),
    "follows by follower email": ("/v1/user-follow-groups?sort=user.email", 200),
    "notifications by recipient email": ("/v1/notifications?sort=user.email", 200),
    "event organizers by email": ("/v1/events/{event}/organizers?sort=email", 200),
    "group followers by email": ("/v1/groups/{group}/followers?sort=-user.email", 200),
}


@pytest.mark.parametrize("observer", OBSERVERS)
@pytest.mark.parametrize("probe", SORT_PROBES)
async def test_sorting_by_someone_elses_email_is_refused(
    client, scene, bob, admin, probe, observer
):
    template, control_status = SORT_PROBES[probe]
    path = template.format(**scene)
    headers, observer_id = observer_of(observer, bob)

    response = await client.get(path, headers=headers)
    control = await client.get(path, headers=admin.headers)

    assert_clean_error(response, 400)
    assert response.json()["errors"][0]["source"] == {"parameter": "sort"}
    assert_nothing_private(response, observer_id)
    assert control.status_code == control_status, control.text


# -- every read path that renders a user -------------------------------------------------------
ALL_HOSTS = "owner,organizers,coorganizers,track-organizers,registrars,moderators"
# path -> the users shown to an anonymous caller, and to Bob ("" none; None: a 404)
READ_PATHS = {
    "/v1/users": ("", ""),
    "/v1/users/{ann}": ("ann", "ann"),
    "/v1/users/{carl}": ("carl", "carl"),
    "/v1/users/{dave}": (None, None),
    "/v1/users/{ann}?fields[user]=email,first-name": ("ann", "ann"),
    "/v1/users/{ann}?include=events,owner-events,groups,followed-groups": ("ann", "ann"),
    f"/v1/events/{{event}}?include={ALL_HOSTS}": ("ann carl", "ann carl"),
    "/v1/events/{identifier}?include=owner&fields[user]=email": ("ann", "ann"),
    "/v1/events?include=owner,organizers": ("ann carl", "ann carl"),
    "/v1/events/upcoming?include=owner": ("ann", "ann"),
    "/v1/events/{event}/owner": ("ann", "ann"),
    "/v1/events/{event}/organizers": ("", ""),
    "/v1/events/{event}/coorganizers": ("", ""),
    "/v1/events/{event}/relationships/owner": ("", ""),
    "/v1/events/{event}/relationships/organizers": ("", ""),
    "/v1/events/{event}/roles?include=user,role": ("", ""),
    "/v1/users-events-roles?include=user": ("", ""),
    "/v1/users-events-roles/{grant}/user": (None, None),
    "/v1/groups?include=user": ("ann", "ann"),
    "/v1/groups/{group}?include=user,followers.user": ("ann", "ann bob carl"),
    "/v1/groups/{group}/user": ("ann", "ann"),
    "/v1/groups/{group}/followers?include=user": ("", "bob carl"),
    "/v1/groups/{group}/events?include=owner": ("ann", "ann"),
    "/v1/user-follow-groups?include=user,group.user": ("", "ann bob carl"),
    "/v1/user-follow-groups/{follow}/user": (None, "carl"),
    "/v1/notifications?include=user": ("", "bob"),
    "/v1/notifications/{note}/user": (None, None),
    "/v1/users/{ann}/notifications?include=user": ("", ""),
    "/v1/users/{ann}/events?include=owner,organizers": ("ann carl", "ann carl"),
    "/v1/users/{ann}/groups?include=user": ("ann", "ann"),
    "/v1/users/{carl}/followed-groups?include=user,group.user": ("", "ann carl"),
    "/v1/event-types/{type}/events?include=owner": ("ann", "ann"),
    "/v1/event-topics/{topic}/events?include=owner": ("ann", "ann"),
    "/v1/event-sub-topics/{sub}/events?include=owner": ("ann", "ann"),
    "/v1/event-copyrights?include=event.owner": ("ann", "ann"),
}


@pytest.mark.parametrize("observer", OBSERVERS)
@pytest.mark.parametrize("template", READ_PATHS)
async def test_a_read_path_shows_others_only_public_profiles(
    client, scene, bob, template, observer
):
    anonymous_sees, bob_sees = READ_PATHS[template]
    headers, observer_id = observer_of(observer, bob)
    expected = anonymous_sees if observer == "anonymous" else bob_sees

    response = await client.get(template.format(**scene), headers=headers)

    assert_nothing_private(response, observer_id)
    if expected is None:
        assert_clean_error(response, 404)
    else:
        assert response.status_code == 200, response.text
        shown = set(rendered_users(response.json()))
        assert shown == {str(scene[name]) for name in expected.split()}
