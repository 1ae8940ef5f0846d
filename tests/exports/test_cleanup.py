"""Stored exports are cleaned: the hourly job deletes the exports (and their tasks) and the
printed badge PDFs older than the retention; their links then answer 404, newer ones stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from hallway.badges.models import BadgePdf
from hallway.exports.cleanup import CLEAN, CLEAN_SECONDS
from hallway.exports.models import DataJob
from hallway.jobs import enqueue
from hallway.jobs.catalog import schedule
from tests.appfixtures import settle
from tests.badges.helpers import attendees, badges
from tests.badges.helpers import finished as badge_finished
from tests.exports.helpers import finished
from tests.orders.helpers import shop
from tests.tickets.helpers import count


async def _export(client, s) -> tuple[str, str]:
    """A finished orders CSV of the shop's event: its task URL and download URL."""
    owner = s.jwt("owner")
    started = await client.get(f"/v1/events/{s.c.event['id']}/export/orders/csv", headers=owner)
    assert started.status_code == 200, started.text
    task_url = started.json()["task_url"]
    status = await finished(client, task_url, owner)
    assert status["state"] == "SUCCESS", status
    return task_url, status["result"]["download_url"]


async def _age(app_db, model, key, days: int) -> None:
    when = datetime.now(UTC) - timedelta(days=days)
    async with app_db.sessions() as session, session.begin():
        await session.execute(update(model).where(key).values(created_at=when))


async def test_exports_older_than_the_retention_are_deleted(client, app_db):
    s = await shop(client, app_db)
    old_task, old_file = await _export(client, s)
    new_task, new_file = await _export(client, s)
    await _age(app_db, DataJob, DataJob.id == old_task.rsplit("/", 1)[-1], days=8)
    await _age(app_db, DataJob, DataJob.id == new_task.rsplit("/", 1)[-1], days=6)

    await enqueue(CLEAN)
    await settle()

    owner = s.jwt("owner")
    assert (await client.get(old_file, headers=owner)).status_code == 404
    assert (await client.get(old_file.split("?")[0], headers=owner)).status_code == 404
    assert (await client.get(old_task, headers=owner)).status_code == 404
    assert (await client.get(new_file, headers=owner)).status_code == 200
    assert (await client.get(new_task, headers=owner)).json()["state"] == "SUCCESS"
    assert await count(app_db, DataJob) == 1
    assert schedule()[CLEAN] == CLEAN_SECONDS


async def test_printed_badges_older_than_the_retention_are_deleted(client, app_db):
    b = await badges(client, app_db)
    await attendees(client, b)
    started = await client.get(
        f"/v1/badge-forms/print-badge-pdf?event_id={b.event_id}", headers=b.jwt("owner")
    )
    state = await badge_finished(client, started.json()["task_url"])
    url = state["result"]["download_url"]
    url = url[url.index("/v1/") :]
    assert (await client.get(url, headers=b.jwt("owner"))).status_code == 200
    await _age(app_db, BadgePdf, BadgePdf.id.is_not(None), days=30)

    await enqueue(CLEAN)
    await settle()

    assert (await client.get(url, headers=b.jwt("owner"))).status_code == 404
    assert await count(app_db, BadgePdf) == 0
