"""Every part of an event's program catalogue, through the API: co-organizers write it,
anyone who may see the event reads it (at `/v1/<path>` and under the event by id and by
identifier), and nobody else writes it; bad input is refused with a pointer and changes
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.program.helpers import Cast, body, cast, make, post


@dataclass
class Kind:
    path: str
    type: str
    valid: dict[str, Any]
    change: dict[str, Any]
    invalid: dict[str, Any]
    soft_delete: bool = True
    # The event's relationship to them, when not `path` (a to-one: one object, not a list).
    one: str = ""

    def __str__(self) -> str:
        return self.type


KINDS = [
    Kind(
        "tracks", "track", {"name": "Web", "color": "#a04b4b"}, {"name": "Data"}, {"color": "blue"}
    ),
    Kind(
        "microlocations",
        "microlocation",
        {"name": "Hall A", "floor": 2},
        {"room": "A1"},
        {"latitude": 91},
    ),
    Kind(
        "session-types",
        "session-type",
        {"name": "Talk", "length": "00:45"},
        {"length": "01:30"},
        {"length": "1:75"},
    ),
    Kind(
        "faqs",
        "faq",
        {"question": "Parking?", "answer": "Yes."},
        {"answer": "No."},
        {"question": " "},
    ),
    Kind(
        "faq-types",
        "faq-type",
        {"name": "Travel"},
        {"name": "Venue"},
        {"name": ""},
        soft_delete=False,
    ),
    Kind(
        "sponsors",
        "sponsor",
        {"name": "ACME", "level": 1, "url": "https://acme.example"},
        {"level": 2},
        {"url": "javascript:alert(1)"},
    ),
    Kind(
        "exhibitors",
        "exhibitor",
        {"name": "ACME", "status": "accepted"},
        {"position": 3},
        {"status": "maybe"},
        soft_delete=False,
    ),
    Kind(
        "social-links",
        "social-link",
        {"name": "Twitter", "link": "https://x.example/ev"},
        {"identifier": "tw"},
        {"link": "ftp://example.com"},
    ),
    Kind(
        "video-streams",
        "video-stream",
        {"name": "Main", "url": "https://meet.example/r"},
        {"name": "Keynote"},
        {"url": None},
        soft_delete=False,
        one="video-stream",
    ),
]
WRITERS = ("owner", "coorganizer", "admin")
NOT_WRITERS = ("anonymous", "user", "stranger", "moderator", "track_organizer")
PARAMS = pytest.mark.parametrize("kind", KINDS, ids=str)


async def _made(client, c: Cast, kind: Kind, who: str = "owner") -> dict[str, Any]:
    return await make(
        client, kind.path, kind.type, kind.valid, c.headers(who), event=("event", c.event_id)
    )


async def _count(client, c: Cast, kind: Kind) -> int:
    if kind.one:
        response = await client.get(f"/v1/{kind.path}?include=event", headers=c.headers("admin"))
        links = [item["relationships"]["event"]["data"] for item in response.json()["data"]]
        return links.count({"type": "event", "id": c.event_id})
    response = await client.get(f"/v1/events/{c.event_id}/{kind.path}", headers=c.headers("admin"))
    assert response.status_code == 200, response.text
    return int(response.json()["meta"]["count"])


@PARAMS
@pytest.mark.parametrize("who", WRITERS)
async def test_the_events_hosts_and_admins_write(kind, who, client, app_db):
    c = await cast(client, app_db)

    made = await _made(client, c, kind, who)
    url = f"/v1/{kind.path}/{made['id']}"
    home = await client.get(
        made["relationships"]["event"]["links"]["related"], headers=c.headers(who)
    )
    patched = await client.patch(
        url, json=body(kind.type, kind.change, id_=made["id"]), headers=c.headers(who)
    )
    deleted = await client.delete(url, headers=c.headers(who))
    after = await client.get(url, headers=c.headers(who))

    assert home.json()["data"]["id"] == c.event_id
    for name, value in kind.valid.items():
        assert made["attributes"][name] == value
    assert patched.status_code == 200, patched.text
    for name, value in kind.change.items():
        assert patched.json()["data"]["attributes"][name] == value
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["meta"]["message"] == "Object successfully deleted"
    assert after.status_code == 404
    assert await _count(client, c, kind) == 0


@PARAMS
@pytest.mark.parametrize("who", NOT_WRITERS)
async def test_nobody_else_writes(kind, who, client, app_db):
    c = await cast(client, app_db)
    made = await _made(client, c, kind)
    url = f"/v1/{kind.path}/{made['id']}"

    created = await post(
        client, kind.path, kind.type, kind.valid, c.headers(who), event=("event", c.event_id)
    )
    patched = await client.patch(
        url, json=body(kind.type, kind.change, id_=made["id"]), headers=c.headers(who)
    )
    deleted = await client.delete(url, headers=c.headers(who))

    if kind.type == "track" and who == "track_organizer":
        # Track organizers change and delete tracks, but do not create them.
        assert created.status_code == 403, created.text
        assert (patched.status_code, deleted.status_code) == (200, 200)
        return
    assert created.status_code == 403, created.text
    assert patched.status_code == 403, patched.text
    assert deleted.status_code == 403, deleted.text
    stored = await client.get(url, headers=c.headers("owner"))
    assert stored.status_code == 200
    for name, value in kind.valid.items():
        assert stored.json()["data"]["attributes"][name] == value
    assert await _count(client, c, kind) == 1


@PARAMS
async def test_anyone_reads_a_published_events_parts_by_id_and_identifier(kind, client, app_db):
    c = await cast(client, app_db)
    made = await _made(client, c, kind)

    for key in (c.event_id, c.identifier):
        for who in ("anonymous", "user"):
            listed = await client.get(
                f"/v1/events/{key}/{kind.one or kind.path}", headers=c.headers(who)
            )
            assert listed.status_code == 200, listed.text
            found = listed.json()["data"]
            assert [item["id"] for item in found] if not kind.one else [found["id"]] == [made["id"]]
    shown = await client.get(f"/v1/{kind.path}/{made['id']}")
    event = await client.get(f"/v1/{kind.path}/{made['id']}/event")
    assert shown.status_code == 200 and shown.json()["data"]["type"] == kind.type
    assert event.json()["data"]["id"] == c.event_id


@PARAMS
async def test_a_drafts_parts_are_seen_only_by_its_hosts(kind, client, app_db):
    c = await cast(client, app_db, published=False)
    made = await _made(client, c, kind)
    url = f"/v1/{kind.path}/{made['id']}"

    for who in ("anonymous", "user", "stranger"):
        assert (await client.get(url, headers=c.headers(who))).status_code == 404
        listed = await client.get(f"/v1/{kind.path}", headers=c.headers(who))
        assert made["id"] not in [item["id"] for item in listed.json()["data"]]
    for who in ("owner", "coorganizer", "admin"):
        assert (await client.get(url, headers=c.headers(who))).status_code == 200


@PARAMS
async def test_bad_input_is_refused_with_a_pointer_and_changes_nothing(kind, client, app_db):
    c = await cast(client, app_db)
    made = await _made(client, c, kind)

    created = await post(
        client,
        kind.path,
        kind.type,
        {**kind.valid, **kind.invalid},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    patched = await client.patch(
        f"/v1/{kind.path}/{made['id']}",
        json=body(kind.type, kind.invalid, id_=made["id"]),
        headers=c.headers("owner"),
    )
    no_event = await post(client, kind.path, kind.type, kind.valid, c.headers("owner"))

    (field_name,) = kind.invalid
    for response in (created, patched):
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["source"]["pointer"] == (
            f"/data/attributes/{field_name}"
        )
    if kind.one:
        # A stream may come with its rooms instead of its event; with neither, it names no
        # event its sender hosts (an admin is told what is missing: test_video_streams.py).
        assert no_event.status_code == 403, no_event.text
    else:
        assert no_event.status_code == 422
        assert no_event.json()["errors"][0]["source"]["pointer"] == ("/data/relationships/event")
    assert await _count(client, c, kind) == 1
    stored = await client.get(f"/v1/{kind.path}/{made['id']}", headers=c.headers("owner"))
    for name, value in kind.valid.items():
        assert stored.json()["data"]["attributes"][name] == value


@PARAMS
async def test_a_part_cannot_be_moved_to_an_event_one_does_not_host(kind, client, app_db):
    c = await cast(client, app_db)
    made = await _made(client, c, kind)
    others = await client.get("/v1/events?filter=[]", headers=c.headers("stranger"))
    other_id = next(e["id"] for e in others.json()["data"] if e["id"] != c.event_id)

    created = await post(
        client, kind.path, kind.type, kind.valid, c.headers("owner"), event=("event", other_id)
    )
    moved = await client.patch(
        f"/v1/{kind.path}/{made['id']}",
        json=body(kind.type, {}, id_=made["id"], event=("event", other_id)),
        headers=c.headers("owner"),
    )

    assert created.status_code == 403, created.text
    assert moved.status_code == 403, moved.text
    assert await _count(client, c, kind) == 1


@pytest.mark.parametrize("kind", [k for k in KINDS if k.soft_delete], ids=str)
async def test_a_deleted_part_is_kept_in_the_trash_for_its_hosts(kind, client, app_db):
    c = await cast(client, app_db)
    made = await _made(client, c, kind)
    url = f"/v1/{kind.path}/{made['id']}"
    await client.delete(url, headers=c.headers("owner"))

    by_owner = await client.get(url + "?get_trashed=true", headers=c.headers("owner"))
    by_user = await client.get(url + "?get_trashed=true", headers=c.headers("user"))
    restored = await client.patch(
        url + "?get_trashed=true",
        json=body(kind.type, {"deleted-at": None}, id_=made["id"]),
        headers=c.headers("coorganizer"),
    )

    assert by_owner.status_code == 200
    assert by_owner.json()["data"]["attributes"]["deleted-at"] is not None
    assert by_user.status_code in (403, 404)
    assert restored.status_code == 200, restored.text
    assert (await client.get(url)).status_code == 200
