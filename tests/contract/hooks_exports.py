"""Setup hooks for the Event Export, Event Import, Import Jobs and Celery Tasks groups: the
event's owner starts the exports; a plain user imports an export of someone's event."""

from __future__ import annotations

from tests.appfixtures import jwt, settle
from tests.contract.hooks_badges import BADGE_ID, FIELDS
from tests.contract.hooks_stations import _attendee
from tests.contract.hooks_tickets import _selling_event
from tests.contract.scene import Account, Plan, Scene, hook


@hook("Event Export::Start a Task to Export an Event as Zip")
@hook("Event Export::Start a Task to Export an Event as iCal event")
@hook("Event Export::Start a Task to Export an Event as xCalendar")
@hook("Event Export::Start a Task to Export an Event as Pentabarf XML")
@hook("Event Export::Start a Task to Export Orders of an Event as CSV")
@hook("Event Export::Start a Task to Export Orders of an Event as PDF")
@hook("Event Export::Start a Task to Export Attendees of an Event as CSV")
@hook("Event Export::Start a Task to Export Attendees of an Event as PDF")
@hook("Event Export::Start a Task to Export Sessions of an Event as CSV")
@hook("Event Export::Start a Task to Export Speakers of an Event as CSV")
@hook("Event Export::Start a Task to Export Sessions of an Event as PDF")
@hook("Event Export::Start a Task to Export Speakers of an Event as PDF")
async def the_owner_exports(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(token=owner.token, params={"event_identifier": event["attributes"]["identifier"]})


async def _export(scene: Scene, owner: Account) -> tuple[str, bytes]:
    """A finished JSON export of a new event of `owner`: its task id and the zip."""
    event = await scene.event(owner)
    started = await scene.client.post(
        f"/v1/events/{event['id']}/export/json", json={}, headers=jwt(owner.token)
    )
    assert started.status_code == 200, f"setup: export: {started.text[:300]}"
    task_id = started.json()["task_url"].rsplit("/", 1)[-1]
    await settle()
    status = (await scene.client.get(f"/v1/tasks/{task_id}", headers=jwt(owner.token))).json()
    assert status["state"] == "SUCCESS", f"setup: export: {status}"
    zipped = await scene.client.get(status["result"]["download_url"], headers=jwt(owner.token))
    return task_id, zipped.content


@hook("Celery Tasks::Get Task Result")
async def a_finished_export(scene: Scene) -> Plan:
    owner = await scene.account()
    task_id, _ = await _export(scene, owner)
    return Plan(token=owner.token, params={"task_id": task_id})


@hook("Event Import::Start a Task to Import an Event")
async def a_user_imports_an_export(scene: Scene) -> Plan:
    _, data = await _export(scene, await scene.account())
    importer = await scene.account()
    return Plan(token=importer.token, files={"file": ("event1.zip", data, "application/zip")})


@hook("Import Jobs::List All Import Jobs")
async def a_user_with_two_imports(scene: Scene) -> Plan:
    _, data = await _export(scene, await scene.account())
    importer = await scene.account()
    for _ in range(2):
        started = await scene.client.post(
            "/v1/events/import/json",
            files={"file": ("event1.zip", data, "application/zip")},
            headers={"Authorization": f"JWT {importer.token}"},
        )
        assert started.status_code == 200, f"setup: import: {started.text[:300]}"
    await settle()
    return Plan(token=importer.token)


@hook("Event Export::Start a Task to Export Badge of an Event as PDF")
async def the_owner_prints_an_attendees_badge(scene: Scene) -> Plan:
    """An attendee of a completed order whose ticket has a badge form: the owner prints it."""
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    await scene.create(
        owner.token, "/v1/badge-forms", "badge-form", {"event": ("event", event["id"])},
        **{"badge-id": BADGE_ID, "badge-fields": FIELDS},
    )  # fmt: skip
    attendee = await _attendee(scene, owner, event, **{"badge-id": BADGE_ID})
    query = f"attendee_id={attendee['id']}&list_field_show=email,name"
    return Plan(token=owner.token, url=f"/v1/badge-forms/print-badge-pdf?{query}")
