"""Badge forms: the event's organizers design them (`/v1/badge-forms`, with their fields
inline or as `badge-field-forms`), its staff read them under the event; anyone else (anonymous,
a plain user, another event's organizer) sees and changes nothing."""

from __future__ import annotations

from hallway.badges.models import BadgeFieldForm, BadgeForm
from tests.badges.helpers import BADGE_ID, FORM, badges, create_form
from tests.orders.helpers import shop
from tests.program.helpers import body
from tests.tickets.helpers import count, patch, stored


async def test_organizers_design_a_form_the_staff_read_under_the_event(client, app_db):
    b = await badges(client, app_db)

    listed = await client.get(
        f"/v1/events/{b.event_id}/badge-forms?page[size]=0", headers=b.jwt("registrar")
    )
    shown = await client.get(f"/v1/badge-forms/{b.form['id']}", headers=b.jwt("coorganizer"))
    related = await client.get(
        f"/v1/events/{b.event_id}?include=badge-forms", headers=b.jwt("owner")
    )

    assert listed.status_code == 200, listed.text
    assert [f["id"] for f in listed.json()["data"]] == [b.form["id"]]
    attributes = shown.json()["data"]["attributes"]
    assert attributes["badge-id"] == BADGE_ID
    assert attributes["badge-size"] == FORM["badge-size"]
    assert [f["custom_field"] for f in attributes["badge-fields"]] == ["Name", "QR"]
    assert attributes["badge-fields"][0]["font_weight"][0]["font_weight"] == "bold"
    assert [i["id"] for i in related.json()["included"]] == [b.form["id"]]
    assert await count(app_db, BadgeForm) == 1


async def test_the_fields_of_a_form_and_of_a_ticket(client, app_db):
    b = await badges(client, app_db)
    made = await client.post(
        "/v1/badge-field-forms",
        json=body(
            "badge-field-form",
            {"badge-id": BADGE_ID, "custom-field": "Email", "field-identifier": "email"},
            badge_form=("badge-form", b.form["id"]),
        ),
        headers=b.jwt("organizer"),
    )
    nested = await client.get(
        f"/v1/badge-forms/{b.form['id']}/badge-field-forms", headers=b.jwt("registrar")
    )
    of_ticket = await client.get(
        f"/v1/tickets/{b.s.free['id']}/badge-forms", headers=b.jwt("owner")
    )

    assert made.status_code == 201, made.text
    assert [f["id"] for f in nested.json()["data"]] == [made.json()["data"]["id"]]
    assert of_ticket.status_code == 200, of_ticket.text
    assert [(f["custom_field"], f["field_identifier"]) for f in of_ticket.json()] == [
        ("Name", "name"),
        ("QR", "qr"),
        ("Email", "email"),
    ]
    async with app_db.sessions() as session:
        field = await session.get(BadgeFieldForm, int(made.json()["data"]["id"]))
        assert field is not None and field.event_id == int(b.event_id)


async def test_nobody_else_reads_or_changes_a_form(client, app_db):
    b = await badges(client, app_db)
    path = f"/v1/badge-forms/{b.form['id']}"
    renamed = patch("badge-form", b.form["id"], badge_color="#000000")

    for who in ("user", "stranger", "moderator"):
        listed = await client.get(f"/v1/events/{b.event_id}/badge-forms", headers=b.jwt(who))
        shown = await client.get(path, headers=b.jwt(who))
        changed = await client.patch(path, json=renamed, headers=b.jwt(who))
        fields = await client.get(f"/v1/tickets/{b.s.free['id']}/badge-forms", headers=b.jwt(who))
        assert listed.json()["data"] == [], who
        assert (shown.status_code, changed.status_code) == (404, 404), who
        assert fields.status_code == 403, who
    anonymous = await client.get(path)
    refused = [
        (await create_form(client, b.s, who)).status_code
        for who in ("registrar", "user", "stranger")
    ]
    by_registrar = await client.patch(path, json=renamed, headers=b.jwt("registrar"))
    other_field = await client.post(
        "/v1/badge-field-forms",
        json=body(
            "badge-field-form", {"badge-id": BADGE_ID}, badge_form=("badge-form", b.form["id"])
        ),
        headers=b.jwt("stranger"),
    )

    assert anonymous.status_code == 404
    assert refused == [403, 403, 403]
    assert by_registrar.status_code == 403
    assert other_field.status_code == 404  # the form is not theirs to see
    assert await count(app_db, BadgeForm) == 1
    assert await count(app_db, BadgeFieldForm) == 0


async def test_a_form_that_does_not_fit_is_refused(client, app_db):
    s = await shop(client, app_db)
    bad = [
        {"badge-size": "huge"},
        {"badge-orientation": "Diagonal"},
        {"badge-color": "red-ish"},
        {"badge-fields": [{"font_size": 5000}]},
        {"badge-fields": [{"text_alignment": "middle"}]},
        {"badge-fields": "Name"},
        {"badge-id": ""},
    ]
    answers = [await create_form(client, s, **attributes) for attributes in bad]

    assert [a.status_code for a in answers] == [422] * len(bad)
    assert all(
        a.json()["errors"][0]["source"]["pointer"].startswith("/data/attributes/") for a in answers
    )
    assert await count(app_db, BadgeForm) == 0


async def test_a_change_that_does_not_fit_leaves_the_form_alone(client, app_db):
    b = await badges(client, app_db)
    path = f"/v1/badge-forms/{b.form['id']}"
    bad = [{"badge-fields": None}, {"badge-id": None}, {"badge-size": "4 x 6 inch"}]
    answers = [
        await client.patch(
            path,
            json=patch(
                "badge-form", b.form["id"], **{k.replace("-", "_"): v for k, v in change.items()}
            ),
            headers=b.jwt("owner"),
        )
        for change in bad
    ]

    assert [a.status_code for a in answers] == [422, 422, 422]
    form = await stored(app_db, BadgeForm, b.form["id"])
    assert form.badge_id == BADGE_ID and len(form.badge_fields) == 2
