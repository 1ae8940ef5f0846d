"""The exports of a published schedule, each read back by a parser written elsewhere: iCal by
the `icalendar` package, xCal and Pentabarf by ElementTree. They hold exactly the accepted or
confirmed sessions scheduled in a room, and never a speaker's e-mail."""

from __future__ import annotations

from datetime import date, datetime
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from icalendar import Calendar

from tests.schedules.helpers import publish_schedule, room, schedule
from tests.sessions.helpers import accepted_talk, change, program, submitted

# The API's public origin in the tests: the address `hallway run` listens on by default.
ORIGIN = "http://127.0.0.1:8000"
XCAL = "{urn:ietf:params:xml:ns:icalendar-2.0}"
TITLE = "Parsing, fast; and \\ safely: a très long title " + "x" * 60


async def scheduled_program(client, app_db):
    """Accepted talks in Hall A (one with an awkward title), a pending and a rejected one
    with times too, and an accepted one without a room."""
    c = await program(client, app_db)
    hall = await room(client, c)
    _, talk = await accepted_talk(client, c, "user", TITLE)
    _, second = await accepted_talk(client, c, "other", "Second")
    _, unplaced = await accepted_talk(client, c, "stranger", "Unplaced")
    pending = await submitted(client, c, "user", "Pending", state="pending")
    rejected = await submitted(client, c, "other", "Rejected", state="pending")
    await change(client, c, "owner", rejected["id"], state="rejected")
    await schedule(client, c, talk["id"], hall, "2031-06-01T10:00:00Z", "2031-06-01T10:45:00Z")
    await schedule(client, c, second["id"], hall, "2031-06-02T09:00:00Z", "2031-06-02T09:30:00Z")
    for hidden in (pending, rejected):
        await schedule(
            client, c, hidden["id"], hall, "2031-06-01T11:00:00Z", "2031-06-01T12:00:00Z"
        )
    return c, talk, second, unplaced


def no_addresses(text: str) -> None:
    for address in ("user@example.com", "other@example.com", "stranger@example.com"):
        assert address not in text


async def test_nothing_is_exported_before_the_schedule_is_published(client, app_db):
    c, *_ = await scheduled_program(client, app_db)

    event = await client.get(f"/v1/events/{c.identifier}")
    xcal = await client.get(f"/v1/events/{c.identifier}.xcs")
    pentabarf = await client.get(f"/v1/events/{c.identifier}.xml")
    ical = await client.get(f"/v1/events/{c.identifier}.ics?include_sessions")

    attributes = event.json()["data"]["attributes"]
    assert (attributes["ical-url"], attributes["xcal-url"], attributes["pentabarf-url"]) == (
        None,
        None,
        None,
    )
    assert xcal.status_code == pentabarf.status_code == 404
    assert xcal.json()["errors"][0]["status"] == 404
    calendar = Calendar.from_ical(ical.content)
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [f"event-{c.identifier}@hallway"]


async def test_the_ical_export_holds_exactly_the_scheduled_sessions(client, app_db):
    c, talk, second, _ = await scheduled_program(client, app_db)
    published = await publish_schedule(client, c)
    url = published["attributes"]["ical-url"]

    response = await client.get(url)

    assert url == f"{ORIGIN}/v1/events/{c.identifier}.ics?include_sessions"
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    no_addresses(response.text)
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"event-{c.identifier}@hallway",
        f"session-{talk['id']}@hallway",
        f"session-{second['id']}@hallway",
    }
    first = events[f"session-{talk['id']}@hallway"]
    assert str(first["SUMMARY"]) == TITLE
    assert first.decoded("DTSTART").isoformat() == "2031-06-01T10:00:00+00:00"
    assert first.decoded("DTEND").isoformat() == "2031-06-01T10:45:00+00:00"
    assert str(first["LOCATION"]) == "Hall A"
    assert "Speakers: user speaker" in str(first["DESCRIPTION"])


async def test_the_xcal_export_holds_exactly_the_scheduled_sessions(client, app_db):
    c, talk, second, _ = await scheduled_program(client, app_db)
    published = await publish_schedule(client, c)

    response = await client.get(published["attributes"]["xcal-url"])

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/calendar+xml")
    no_addresses(response.text)
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, parsed to check it
    assert root.tag == f"{XCAL}icalendar"
    [calendar] = root.findall(f"{XCAL}vcalendar")
    version = calendar.find(f"{XCAL}properties/{XCAL}version/{XCAL}text")
    assert version is not None and version.text == "2.0"
    events = calendar.findall(f"{XCAL}components/{XCAL}vevent")
    uids = [e.find(f"{XCAL}properties/{XCAL}uid/{XCAL}text").text for e in events]
    assert uids == [
        f"event-{c.identifier}@hallway",
        f"session-{talk['id']}@hallway",
        f"session-{second['id']}@hallway",
    ]
    first = events[1].find(f"{XCAL}properties")
    assert first.find(f"{XCAL}summary/{XCAL}text").text == TITLE
    assert first.find(f"{XCAL}dtstart/{XCAL}date-time").text == "2031-06-01T10:00:00Z"


async def test_the_pentabarf_export_holds_exactly_the_scheduled_sessions(client, app_db):
    c, talk, second, _ = await scheduled_program(client, app_db)
    published = await publish_schedule(client, c)

    response = await client.get(published["attributes"]["pentabarf-url"])

    assert response.status_code == 200, response.text
    no_addresses(response.text)
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, parsed to check it
    assert root.tag == "schedule"
    conference = root.find("conference")
    assert conference is not None
    assert conference.findtext("title") == c.event["attributes"]["name"]
    days = root.findall("day")
    zone = ZoneInfo(c.event["attributes"]["timezone"])
    local = [
        datetime.fromisoformat(moment).astimezone(zone)
        for moment in ("2031-06-01T10:00:00+00:00", "2031-06-02T09:00:00+00:00")
    ]
    found = {
        e.get("id"): (d.get("date"), r.get("name"), e.findtext("start"), e.findtext("duration"))
        for d in days
        for r in d.findall("room")
        for e in r.findall("event")
    }
    assert found == {
        talk["id"]: (local[0].date().isoformat(), "Hall A", local[0].strftime("%H:%M"), "00:45"),
        second["id"]: (local[1].date().isoformat(), "Hall A", local[1].strftime("%H:%M"), "00:30"),
    }
    start = conference.findtext("start")
    assert [d.get("index") for d in days] == [
        str((date.fromisoformat(d.get("date")) - date.fromisoformat(start)).days + 1) for d in days
    ]
    [event] = [e for e in root.iter("event") if e.get("id") == talk["id"]]
    assert event.findtext("title") == TITLE
    assert [p.text for p in event.iter("person")] == ["user speaker"]
    for element in root.iter("event"):
        for child in ("start", "duration", "room", "title", "persons"):
            assert element.find(child) is not None


async def test_a_draft_event_exports_no_schedule(client, app_db):
    c, *_ = await scheduled_program(client, app_db)
    await publish_schedule(client, c)
    unpublished = await client.patch(
        f"/v1/events/{c.event_id}",
        json={"data": {"type": "event", "id": c.event_id, "attributes": {"state": "draft"}}},
        headers=c.headers("owner"),
    )

    by_owner = await client.get(f"/v1/events/{c.identifier}.xml", headers=c.headers("owner"))
    anonymous = await client.get(f"/v1/events/{c.identifier}.xcs")
    event = await client.get(f"/v1/events/{c.identifier}", headers=c.headers("owner"))

    assert unpublished.status_code == 200, unpublished.text
    assert by_owner.status_code == 404
    assert anonymous.status_code == 404
    assert event.json()["data"]["attributes"]["ical-url"] is None


async def test_my_schedule_is_the_callers_own_favourites(client, app_db):
    c, _, second, _ = await scheduled_program(client, app_db)
    await publish_schedule(client, c)
    favourite = await client.post(
        "/v1/user-favourite-sessions",
        json={
            "data": {
                "type": "user-favourite-session",
                "relationships": {"session": {"data": {"type": "session", "id": second["id"]}}},
            }
        },
        headers=c.headers("user"),
    )
    url = f"/v1/events/{c.identifier}.ics?include_sessions&my_schedule&download"

    mine = await client.get(url, headers=c.headers("user"))
    anonymous = await client.get(url)
    someone_else = await client.get(f"{url}&user_id=999999", headers=c.headers("user"))

    assert favourite.status_code == 201, favourite.text
    assert mine.status_code == 200, mine.text
    assert mine.headers["content-disposition"] == f'attachment; filename="{c.identifier}.ics"'
    uids = [str(e["UID"]) for e in Calendar.from_ical(mine.content).walk("VEVENT")]
    assert uids == [f"event-{c.identifier}@hallway", f"session-{second['id']}@hallway"]
    assert anonymous.status_code == 401
    assert someone_else.status_code == 403


async def test_only_the_events_team_publishes_the_schedule(client, app_db):
    c, *_ = await scheduled_program(client, app_db)
    document = {
        "data": {
            "type": "event",
            "id": c.event_id,
            "attributes": {"schedule-published-on": "2031-05-01T00:00:00Z"},
        }
    }

    refused = {
        who: (
            await client.patch(f"/v1/events/{c.event_id}", json=document, headers=c.headers(who))
        ).status_code
        for who in ("anonymous", "user", "stranger", "track_organizer", "moderator")
    }
    unchanged = await client.get(f"/v1/events/{c.identifier}")
    by_coorganizer = await client.patch(
        f"/v1/events/{c.event_id}", json=document, headers=c.headers("coorganizer")
    )

    assert all(status in (401, 403) for status in refused.values()), refused
    assert unchanged.json()["data"]["attributes"]["schedule-published-on"] is None
    assert by_coorganizer.status_code == 200, by_coorganizer.text
    attributes = by_coorganizer.json()["data"]["attributes"]
    assert attributes["schedule-published-on"].startswith("2031-05-01T00:00:00")
    assert attributes["xcal-url"] == f"{ORIGIN}/v1/events/{c.identifier}.xcs"
