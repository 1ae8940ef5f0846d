"""Sessions may overlap in one room; the event's team sees the overlaps, nobody else."""

from __future__ import annotations

from tests.schedules.helpers import room, schedule
from tests.sessions.helpers import accepted_talk, program


async def test_overlapping_sessions_in_a_room_are_listed_for_the_team(client, app_db):
    c = await program(client, app_db)
    hall, annex = await room(client, c), await room(client, c, "Annex")
    _, first = await accepted_talk(client, c, "user", "First")
    _, clash = await accepted_talk(client, c, "other", "Clash")
    _, elsewhere = await accepted_talk(client, c, "stranger", "Elsewhere")
    _, after = await accepted_talk(client, c, "admin", "After")
    await schedule(client, c, first["id"], hall, "2031-06-01T10:00:00Z", "2031-06-01T11:00:00Z")
    clashed = await schedule(
        client, c, clash["id"], hall, "2031-06-01T10:30:00Z", "2031-06-01T11:30:00Z"
    )
    await schedule(
        client, c, elsewhere["id"], annex, "2031-06-01T10:00:00Z", "2031-06-01T11:00:00Z"
    )
    await schedule(client, c, after["id"], hall, "2031-06-01T11:30:00Z", "2031-06-01T12:00:00Z")
    url = f"/v1/events/{c.identifier}/sessions/overlaps"

    answers = {who: await client.get(url, headers=c.headers(who)) for who in c.tokens}

    assert clashed["attributes"]["starts-at"].startswith("2031-06-01T10:30")
    for who in ("owner", "coorganizer", "admin"):
        assert answers[who].status_code == 200, (who, answers[who].text)
        assert answers[who].json() == {
            "overlaps": [
                {
                    "microlocation": hall,
                    "sessions": [first["id"], clash["id"]],
                    "starts-at": "2031-06-01T10:30:00+00:00",
                    "ends-at": "2031-06-01T11:00:00+00:00",
                }
            ],
            "count": 1,
        }
    for who in ("anonymous", "user", "other", "stranger", "track_organizer", "moderator"):
        assert answers[who].status_code == 403, who
        assert answers[who].json()["errors"][0]["status"] == 403
