"""The call for speakers from opening to the public schedule, through HTTP only: an organizer
opens the call; two people submit sessions with their speaker profiles; the organizer accepts
one (its mail delivered to a real SMTP server) and rejects the other, schedules the accepted
one in a room and publishes the schedule; the public sees exactly the accepted session and
no speaker's address, and the schedule's iCal export (read by the `icalendar` package) holds
exactly the accepted session."""

from __future__ import annotations

from icalendar import Calendar

from tests.appfixtures import Mailbox, settle
from tests.program.helpers import body, cast, make
from tests.sessions.helpers import change, ids, open_call, speaker, submitted


async def test_from_call_for_speakers_to_public_schedule(client, app_db, mailbox: Mailbox):
    c = await cast(client, app_db)
    await open_call(client, c, announcement="<p>Talk to us</p>")
    room = await make(
        client,
        "microlocations",
        "microlocation",
        {"name": "Hall A"},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    submissions = {}
    for who in ("user", "stranger"):
        profile = await speaker(client, c, who, name=f"{who.title()} Speaker")
        submissions[who] = await submitted(
            client, c, who, f"{who} talk", state="pending", speakers=[profile["id"]]
        )

    accepted = await change(
        client,
        c,
        "owner",
        submissions["user"]["id"],
        state="accepted",
        **{"send-email": True},
    )
    rejected = await change(client, c, "owner", submissions["stranger"]["id"], state="rejected")
    scheduled = await client.patch(
        f"/v1/sessions/{submissions['user']['id']}",
        json=body(
            "session",
            {"starts-at": "2031-06-01T10:00:00Z", "ends-at": "2031-06-01T10:45:00Z"},
            id_=submissions["user"]["id"],
            microlocation=("microlocation", room["id"]),
        ),
        headers=c.headers("owner"),
    )
    published = await client.patch(
        f"/v1/events/{c.event_id}",
        json=body("event", {"schedule-published-on": "2031-05-01T00:00:00Z"}, id_=c.event_id),
        headers=c.headers("owner"),
    )
    await settle()

    assert accepted.status_code == rejected.status_code == scheduled.status_code == 200
    assert published.status_code == 200, published.text
    assert len(mailbox.to("user@example.com")) == 1
    assert mailbox.to("stranger@example.com") == []
    schedule = await client.get(
        f"/v1/events/{c.identifier}/sessions",
        params={"include": "speakers,microlocation,track", "page[size]": "0"},
    )
    assert ids(schedule) == [submissions["user"]["id"]]
    [talk] = schedule.json()["data"]
    assert talk["relationships"]["microlocation"]["data"]["id"] == room["id"]
    assert talk["attributes"]["starts-at"].startswith("2031-06-01T10:00:00")
    speakers = [i for i in schedule.json()["included"] if i["type"] == "speaker"]
    assert [s["attributes"]["name"] for s in speakers] == ["User Speaker"]
    assert all("email" not in s["attributes"] for s in speakers)
    every_speaker = await client.get(f"/v1/events/{c.event_id}/speakers")
    assert [s["attributes"]["name"] for s in every_speaker.json()["data"]] == ["User Speaker"]
    [mail] = mailbox.to("user@example.com")
    assert "user talk" in mailbox.text(mail)

    # The published schedule's iCal export, at the URL the event names.
    event = await client.get(f"/v1/events/{c.identifier}")
    ical_url = event.json()["data"]["attributes"]["ical-url"]
    exported = await client.get(ical_url)
    assert exported.status_code == 200, exported.text
    calendar = Calendar.from_ical(exported.content)
    sessions = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert [str(e["SUMMARY"]) for e in sessions] == ["user talk"]
    assert str(sessions[0]["LOCATION"]) == "Hall A"
    assert sessions[0].decoded("DTSTART").isoformat() == "2031-06-01T10:00:00+00:00"

    # Nothing an anonymous caller reads names a speaker's address.
    for answer in (schedule, every_speaker, exported):
        for address in ("user@example.com", "stranger@example.com"):
            assert address not in answer.text
