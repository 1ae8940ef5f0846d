"""Answers to the session and speaker forms of an event are checked by the server: what is
required is there, choices are among the options, each answer fits its field's kind; a
refused submission changes nothing."""

from __future__ import annotations

import pytest

from hallway.sessions.models import Session, Speaker
from tests.forms.answers import add_field, pointer
from tests.sessions.helpers import change, program, speaker, submit, submitted
from tests.tickets.helpers import count, stored

ANSWERS = "/data/attributes/complex-field-values"


async def test_a_submission_without_a_required_answer_is_refused(client, app_db):
    c = await program(client, app_db)
    await add_field(
        client, c.headers("owner"), c.event_id, "session", "motivation", is_required=True
    )

    missing = await submit(client, c, "user", state="pending")
    blank = await submit(client, c, "user", complex_field_values={"motivation": "  "})
    answered = await submitted(
        client, c, "user", state="pending", complex_field_values={"motivation": "Teach"}
    )

    assert pointer(missing) == f"{ANSWERS}/motivation"
    assert "Motivation is required" in missing.json()["errors"][0]["detail"]
    assert pointer(blank) == f"{ANSWERS}/motivation"
    assert answered["attributes"]["complex-field-values"] == {"motivation": "Teach"}
    assert await count(app_db, Session) == 1


async def test_a_required_fixed_field_is_answered_in_its_own_attribute(client, app_db):
    c = await program(client, app_db)
    await add_field(
        client,
        c.headers("owner"),
        c.event_id,
        "session",
        "shortAbstract",
        is_required=True,
        is_complex=False,
    )

    missing = await submit(client, c, "user")
    answered = await submit(client, c, "user", short_abstract="Why forms matter")

    assert pointer(missing) == "/data/attributes/short-abstract"
    assert answered.status_code == 201, answered.text


async def test_only_asked_fields_count(client, app_db):
    c = await program(client, app_db)
    owner = c.headers("owner")
    await add_field(
        client, owner, c.event_id, "session", "hidden", is_required=True, is_included=False
    )
    await add_field(client, owner, c.event_id, "speaker", "shirt", is_required=True)
    await add_field(client, owner, c.event_id, "session", "notes")

    made = await submitted(
        client, c, "user", complex_field_values={"notes": "Hi", "unasked": "dropped"}
    )

    assert made["attributes"]["complex-field-values"] == {"notes": "Hi"}


async def test_a_choice_is_one_of_the_fields_options(client, app_db):
    c = await program(client, app_db)
    owner = c.headers("owner")
    await add_field(
        client, owner, c.event_id, "session", "room", "select", options=("Big", "Small")
    )
    await add_field(
        client, owner, c.event_id, "session", "needs", "checkbox", options=("Beamer", "Mic")
    )

    wrong = await submit(client, c, "user", complex_field_values={"room": "Huge"})
    wrong_many = await submit(client, c, "user", complex_field_values={"needs": ["Mic", "Piano"]})
    right = await submitted(
        client, c, "user", complex_field_values={"room": "Big", "needs": ["Beamer", "Mic"]}
    )

    assert pointer(wrong) == f"{ANSWERS}/room"
    assert "not one of its choices" in wrong.json()["errors"][0]["detail"]
    assert pointer(wrong_many) == f"{ANSWERS}/needs"
    assert right["attributes"]["complex-field-values"]["needs"] == ["Beamer", "Mic"]
    assert await count(app_db, Session) == 1


@pytest.mark.parametrize(
    ("kind", "bad", "good"),
    [
        ("email", "not-an-address", "ada@example.com"),
        ("url", "ftp://files", "https://example.com/slides"),
        ("number", "twelve", 12.5),
        ("year", "99", 2024),
        ("boolean", "maybe", True),
        ("text", ["a", "list"], "plain"),
        ("phone", "call me", "+49 30 1234567"),
    ],
)
async def test_an_answer_fits_its_fields_kind(client, app_db, kind, bad, good):
    c = await program(client, app_db)
    await add_field(client, c.headers("owner"), c.event_id, "session", "answer", kind)

    refused = await submit(client, c, "user", complex_field_values={"answer": bad})
    accepted = await submit(client, c, "user", complex_field_values={"answer": good})

    assert pointer(refused) == f"{ANSWERS}/answer"
    assert accepted.status_code == 201, accepted.text


@pytest.mark.parametrize(
    ("kind", "low", "high", "outside", "inside"),
    [
        ("number", 1, 5, ("0", 6, -2.5), (1, "3", 5.0)),
        ("year", 1990, 2010, ("1989", 2011), ("1990", 2000, "2010")),
    ],
)
async def test_a_number_or_a_year_stays_within_the_fields_bounds(
    client, app_db, kind, low, high, outside, inside
):
    c = await program(client, app_db)
    await add_field(
        client, c.headers("owner"), c.event_id, "session", "answer", kind, min=low, max=high
    )

    for value in outside:
        refused = await submit(client, c, "user", complex_field_values={"answer": value})
        assert pointer(refused) == f"{ANSWERS}/answer", value
        assert "Answer: at " in refused.json()["errors"][0]["detail"]
    assert await count(app_db, Session) == 0
    for value in inside:
        accepted = await submit(client, c, "user", complex_field_values={"answer": value})
        assert accepted.status_code == 201, (value, accepted.text)


async def test_a_change_is_checked_like_a_submission(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user")
    await add_field(
        client,
        c.headers("owner"),
        c.event_id,
        "session",
        "level",
        "select",
        options=("Easy",),
        is_required=True,
    )

    submitting = await change(client, c, "user", talk["id"], state="pending")
    bad = await change(client, c, "user", talk["id"], complex_field_values={"level": "Hard"})
    good = await change(
        client, c, "user", talk["id"], state="pending", complex_field_values={"level": "Easy"}
    )

    assert pointer(submitting) == f"{ANSWERS}/level"
    assert pointer(bad) == f"{ANSWERS}/level"
    assert good.status_code == 200, good.text
    assert (await stored(app_db, Session, talk["id"])).complex_field_values == {"level": "Easy"}


async def test_organizers_change_a_session_without_touching_its_answers(client, app_db):
    c = await program(client, app_db)
    talk = await submitted(client, c, "user", state="pending")
    await add_field(client, c.headers("owner"), c.event_id, "session", "bio", is_required=True)

    by_owner = await change(client, c, "owner", talk["id"], state="accepted")
    by_admin = await change(client, c, "admin", talk["id"], title="Renamed")
    # Co-organizers are held to the form, as the speaker is.
    by_coorganizer = await change(client, c, "coorganizer", talk["id"], state="confirmed")
    owner_answers_wrong = await change(
        client, c, "owner", talk["id"], complex_field_values={"bio": ""}
    )

    assert by_owner.status_code == 200, by_owner.text
    assert by_admin.status_code == 200, by_admin.text
    assert pointer(by_coorganizer) == f"{ANSWERS}/bio"
    assert pointer(owner_answers_wrong) == f"{ANSWERS}/bio"
    kept = await stored(app_db, Session, talk["id"])
    assert (kept.state, kept.title) == ("accepted", "Renamed")


async def test_a_speaker_answers_the_speaker_form(client, app_db):
    c = await program(client, app_db)
    owner = c.headers("owner")
    await add_field(
        client,
        owner,
        c.event_id,
        "speaker",
        "shirt",
        "select",
        options=("S", "M"),
        is_required=True,
    )
    await add_field(
        client, owner, c.event_id, "speaker", "shortBiography", is_required=True, is_complex=False
    )

    missing = await client.post(
        "/v1/speakers",
        json={
            "data": {
                "type": "speaker",
                "attributes": {"name": "Ada", "short-biography": "Hi"},
                "relationships": {"event": {"data": {"type": "event", "id": c.event_id}}},
            }
        },
        headers=c.headers("user"),
    )
    no_bio = await client.post(
        "/v1/speakers",
        json={
            "data": {
                "type": "speaker",
                "attributes": {"name": "Ada", "complex-field-values": {"shirt": "M"}},
                "relationships": {"event": {"data": {"type": "event", "id": c.event_id}}},
            }
        },
        headers=c.headers("user"),
    )
    made = await speaker(
        client, c, "user", short_biography="Hi", complex_field_values={"shirt": "M"}
    )
    wrong = await client.patch(
        f"/v1/speakers/{made['id']}",
        json={
            "data": {
                "type": "speaker",
                "id": made["id"],
                "attributes": {"complex-field-values": {"shirt": "XXL"}},
            }
        },
        headers=c.headers("user"),
    )

    assert pointer(missing) == f"{ANSWERS}/shirt"
    assert pointer(no_bio) == "/data/attributes/short-biography"
    assert pointer(wrong) == f"{ANSWERS}/shirt"
    assert (await stored(app_db, Speaker, made["id"])).complex_field_values == {"shirt": "M"}
    assert await count(app_db, Speaker) == 1


async def test_a_speaker_the_team_adds_without_an_address_needs_none(client, app_db):
    c = await program(client, app_db)
    await add_field(
        client,
        c.headers("owner"),
        c.event_id,
        "speaker",
        "email",
        "email",
        is_required=True,
        is_complex=False,
    )

    made = await speaker(client, c, "owner", name="Keynote")

    assert made["attributes"]["email"] is None
