"""The exports of no single event's lists, as jobs like the others: the admin's sales CSV
(admins only), a group's followers CSV (its owner only) and an event's check-ins CSV (its
staff only). Each file is fetched from the task's URL by those who may, and by nobody else."""

from __future__ import annotations

import csv
import io
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select

from hallway.exports.models import DataJob
from tests.appfixtures import jwt
from tests.exports.helpers import finished
from tests.groups.helpers import account, create_group, follow
from tests.orders.helpers import shop, sold
from tests.stations.helpers import attendee, check, venue

SALES = "/v1/admin/export/sales/csv"
CHECK_INS = "/v1/export/user-check-in/csv"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode())))


async def _file(client: AsyncClient, started, headers) -> tuple[str, bytes]:
    """The download URL the finished task names, and the file it serves to `headers`."""
    assert started.status_code == 200, started.text
    status = await finished(client, started.json()["task_url"], headers)
    assert status["state"] == "SUCCESS", status
    url: str = status["result"]["download_url"]
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return url, response.content


async def _jobs(app_db, kind: str) -> list[Any]:
    async with app_db.sessions() as session:
        return list(await session.scalars(select(DataJob.kind).where(DataJob.kind == kind)))


async def test_an_admin_exports_the_sales_per_event(client, app_db):
    s = await shop(client, app_db)
    await sold(client, s, quantity=2)
    admin = s.jwt("admin")

    url, data = await _file(
        client, await client.post(SALES, json={"status": "all"}, headers=admin), admin
    )

    rows = _rows(data)
    assert rows[0][:3] == ["Event", "Identifier", "Owner email"]
    mine = next(row for row in rows[1:] if row[1] == s.c.event["attributes"]["identifier"])
    assert mine[2] == "owner@example.com"
    assert (mine[6], float(mine[7]), mine[8]) == ("2", 0.0, "0")
    assert url.startswith("/v1/exports/")
    # Without the link's token, only an admin fetches it.
    bare = url.split("?")[0]
    assert (await client.get(bare, headers=admin)).status_code == 200
    assert (await client.get(bare, headers=s.jwt("owner"))).status_code == 404
    assert (await client.get(bare)).status_code == 401


async def test_only_admins_export_the_sales(client, app_db):
    s = await shop(client, app_db)
    assert (await client.post(SALES, json={})).status_code == 401
    for who in ("owner", "organizer", "user"):
        assert (await client.post(SALES, json={}, headers=s.jwt(who))).status_code == 403, who
    wrong = await client.post(SALES, json={"status": "soon"}, headers=s.jwt("admin"))
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["source"]["pointer"] == "/status"
    assert await _jobs(app_db, "export.adminsales.csv") == []


async def test_a_group_owner_exports_the_followers(client, app_db):
    _, owner = await account(client, app_db, "leader@example.com")
    _, fan = await account(client, app_db, "fan@example.com", first_name="Grace")
    group = await create_group(client, owner)
    assert (await follow(client, fan, group["id"])).status_code == 201
    url = f"/v1/group/{group['id']}/export/followers/csv"

    link, data = await _file(client, await client.post(url, headers=jwt(owner)), jwt(owner))

    rows = _rows(data)
    assert rows[0] == ["Public name", "First name", "Last name", "Email", "Following since"]
    assert [(row[1], row[3]) for row in rows[1:]] == [("Grace", "fan@example.com")]
    assert (await client.get(link.split("?")[0], headers=jwt(fan))).status_code == 404


async def test_nobody_else_exports_a_groups_followers(client, app_db):
    _, owner = await account(client, app_db, "leader@example.com")
    _, fan = await account(client, app_db, "fan@example.com")
    _, admin = await account(client, app_db, "root@example.com", is_admin=True)
    group = await create_group(client, owner)
    await follow(client, fan, group["id"])
    url = f"/v1/group/{group['id']}/export/followers/csv"

    assert (await client.post(url)).status_code == 401
    assert (await client.post(url, headers=jwt(fan))).status_code == 403
    for missing in ("999999", "abc", "²", "99999999999999", "\U00030e42\u00cf"):
        for who in (owner, admin):  # an admin is refused nothing but a group that is not there
            response = await client.post(
                f"/v1/group/{missing}/export/followers/csv", headers=jwt(who)
            )
            assert response.status_code == 404, missing
    assert await _jobs(app_db, "export.group.followers.csv") == []
    assert (await client.post(url, headers=jwt(admin))).status_code == 200


async def test_the_staff_export_the_check_ins(client, app_db):
    v = await venue(client, app_db)
    _, holder = await attendee(client, v)
    assert (await check(client, v, v.desk, holder)).status_code == 201
    body = {"event_id": v.event_id}

    _, data = await _file(
        client,
        await client.post(CHECK_INS, json=body, headers=v.jwt("registrar")),
        v.jwt("registrar"),
    )
    _, none_that_day = await _file(
        client,
        await client.post(CHECK_INS, json={**body, "date": "2001-01-01"}, headers=v.jwt("owner")),
        v.jwt("owner"),
    )

    rows = _rows(data)
    assert rows[0][:5] == ["First name", "Last name", "Email", "Ticket", "Station"]
    assert [(row[2], row[4], row[5]) for row in rows[1:]] == [
        (holder["attributes"]["email"], "Registration", "registration")
    ]
    assert len(_rows(none_that_day)) == 1


async def test_only_the_staff_export_the_check_ins(client, app_db):
    v = await venue(client, app_db)
    body = {"event_id": v.event_id}
    assert (await client.post(CHECK_INS, json=body)).status_code == 401
    for who in ("user", "moderator"):
        response = await client.post(CHECK_INS, json=body, headers=v.jwt(who))
        assert response.status_code == 403, who
    other = {"event_id": v.s.c.other["id"]}
    assert (await client.post(CHECK_INS, json=other, headers=v.jwt("owner"))).status_code == 403
    cases = [
        ({}, "/event_id"),
        ({**body, "date": "May"}, "/date"),
        ({**body, "session_id": "x"}, "/session_id"),
        ({**body, "session_id": 10**20}, "/session_id"),
    ]
    for bad, pointer in cases:
        response = await client.post(CHECK_INS, json=bad, headers=v.jwt("owner"))
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["source"]["pointer"] == pointer
    assert await _jobs(app_db, "export.user-check-in.csv") == []
