"""Importing a JSON export: a new draft of the importer with everything in it, made in one
transaction by a job; a broken or hostile zip is refused (422) or fails its job, and nothing
is made."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from hallway.events.models import Event
from tests.copies.test_event_copy import set_up
from tests.exports.helpers import exported, finished, imported, make_zip, unzip
from tests.sessions.helpers import accepted_talk, program

# What an import sets itself rather than taking from the archive.
OWN = {"identifier", "created_at", "state", "hash", "schedule_published_on"}


def _same(value: Any) -> Any:
    """The archive with its ids (and what the import sets itself) left out."""
    if isinstance(value, dict):
        return {
            key: _same(item)
            for key, item in value.items()
            if key != "id" and not key.endswith("_id") and key not in OWN
        }
    if isinstance(value, list):
        return [_same(item) for item in value]
    return value


async def _events(db) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Event)) or 0)


async def _import(client, data: bytes, headers) -> dict[str, Any]:
    started = await imported(client, data, headers)
    assert started.status_code == 200, started.text
    return await finished(client, started.json()["task_url"], headers)


async def test_export_import_export_gives_the_same_json(client, app_db):
    c = await program(client, app_db)
    await set_up(client, c)
    await accepted_talk(client, c)
    first = await exported(client, c.event_id, c.headers("owner"))

    status = await _import(client, first, c.headers("user"))

    assert status["state"] == "SUCCESS", status
    new_id = str(status["result"]["id"])
    shown = await client.get(f"/v1/events/{new_id}", headers=c.headers("user"))
    assert shown.status_code == 200, shown.text
    assert shown.json()["data"]["attributes"]["state"] == "draft"
    again = unzip(await exported(client, new_id, c.headers("user")))
    assert _same(again) == _same(unzip(first))
    assert again["speakers_sessions"] and again["sessions"] and again["tickets"]
    # The importer owns the draft; the original's team has no part in it.
    assert (await client.get(f"/v1/events/{new_id}", headers=c.headers("owner"))).status_code == 404


async def test_import_jobs_list_the_callers_imports(client, app_db):
    c = await program(client, app_db)
    data = await exported(client, c.event_id, c.headers("owner"))
    status = await _import(client, data, c.headers("user"))
    mine = await client.get("/v1/import-jobs", headers=c.headers("user"))
    assert mine.status_code == 200, mine.text
    [job] = mine.json()["data"]
    assert job["type"] == "import-job"
    assert job["attributes"]["result"] == str(status["result"]["id"])
    assert job["attributes"]["result-status"] == "SUCCESS"
    one = await client.get(f"/v1/import-jobs/{job['id']}", headers=c.headers("user"))
    assert one.status_code == 200 and one.json()["data"]["id"] == job["id"]
    theirs = await client.get("/v1/import-jobs", headers=c.headers("stranger"))
    assert theirs.json()["data"] == [] and theirs.json()["meta"]["count"] == 0
    hidden = await client.get(f"/v1/import-jobs/{job['id']}", headers=c.headers("stranger"))
    assert hidden.status_code == 404
    assert (await client.get("/v1/import-jobs")).status_code == 401
    task = await client.get(f"/v1/tasks/{job['id']}", headers=c.headers("stranger"))
    assert task.status_code == 404


async def test_broken_and_hostile_archives_make_nothing(client, app_db):
    c = await program(client, app_db)
    good = unzip(await exported(client, c.event_id, c.headers("owner")))
    before = await _events(app_db)
    missing = {name: value for name, value in good.items() if name != "sessions"}
    wrong_shape = {**good, "sessions": {"title": "not a list"}}
    bomb = make_zip(good, raw={"padding.txt": b"0" * 5_000_000})
    traversal = make_zip(good, raw={"../../etc/evil.json": b"{}"})
    cases = {
        "not a zip": b"plain text",
        "missing": make_zip(missing),
        "shape": make_zip(wrong_shape),
        "bomb": bomb,
        "traversal": traversal,
        "not json": make_zip({}, raw={**{f"{n}.json": b"{" for n in good}}),
    }
    for name, data in cases.items():
        response = await imported(client, data, c.headers("user"))
        assert response.status_code == 422, (name, response.text)
        assert response.json()["errors"][0]["source"]["pointer"] == "/file", name
    assert await _events(app_db) == before


async def test_values_that_do_not_fit_fail_the_job_and_make_nothing(client, app_db):
    c = await program(client, app_db)
    good = unzip(await exported(client, c.event_id, c.headers("owner")))
    before = await _events(app_db)
    cases = {
        "tracks.name": {**good, "tracks": [{"id": 1, "name": ["not", "text"], "color": "#f00"}]},
        "events.name": {**good, "event": {**good["event"], "name": "x" * 5000}},
        "events.starts_at": {**good, "event": {**good["event"], "starts_at": "soon"}},
        "tracks.id": {**good, "tracks": [{"id": [1], "name": "T", "color": "#f00"}]},
        "sessions.track_id": {**good, "sessions": [{"id": 1, "title": "T", "track_id": 99}]},
    }
    for expected, bad in cases.items():
        status = await _import(client, make_zip(bad), c.headers("user"))

        assert status["state"] == "FAILURE", expected
        assert expected in status["result"]["error"], status
    assert await _events(app_db) == before


async def test_unknown_classification_ids_are_dropped(client, app_db):
    c = await program(client, app_db)
    good = unzip(await exported(client, c.event_id, c.headers("owner")))
    event = {**good["event"], "event_type_id": 424242, "event_topic_id": 434343}

    status = await _import(client, make_zip({**good, "event": event}), c.headers("user"))

    assert status["state"] == "SUCCESS", status
    again = unzip(await exported(client, str(status["result"]["id"]), c.headers("user")))
    assert again["event"]["event_type_id"] is None and again["event"]["event_topic_id"] is None


async def test_who_may_not_import_and_what_is_not_an_import(client, app_db):
    c = await program(client, app_db)
    data = await exported(client, c.event_id, c.headers("owner"))
    assert (await imported(client, data, {})).status_code == 401
    files = {"file": ("event.xml", b"<xml/>", "text/xml")}
    user = {"Authorization": c.headers("user")["Authorization"]}
    other = await client.post("/v1/events/import/pentabarf", files=files, headers=user)
    assert other.status_code == 422
    wrong_field = await client.post(
        "/v1/events/import/json", files={"zip": ("e.zip", data)}, headers=user
    )
    assert wrong_field.status_code == 400
    not_multipart = await client.post(
        "/v1/events/import/json", content=data, headers=c.headers("user")
    )
    assert not_multipart.status_code == 415
