"""Custom forms: every event asks its attendees for a first name, a last name and an e-mail
address; its co-organizers add and change fields; the public reads those of published
events."""

from __future__ import annotations

from hallway.forms.models import CustomForm
from tests.tickets.helpers import body, cast, count, create, link, patch

ATTENDEE_FORM = '?filter=[{"name":"form","op":"eq","val":"attendee"}]&sort=id&page[size]=0'


def field_body(event_id, identifier="company", **attributes):
    values = {"field-identifier": identifier, "form": "attendee", "type": "text", **attributes}
    return body("custom-form", values, event=link("event", event_id))


async def test_a_new_event_asks_attendees_for_their_names_and_address(client, app_db):
    c = await cast(client, app_db)

    listed = await client.get(f"/v1/events/{c.event['id']}/custom-forms{ATTENDEE_FORM}")

    assert listed.status_code == 200, listed.text
    fields = [f["attributes"] for f in listed.json()["data"]]
    assert [f["field-identifier"] for f in fields] == ["firstname", "lastname", "email"]
    assert all(f["is-required"] and f["is-included"] and f["is-fixed"] for f in fields)


async def test_coorganizers_add_and_change_fields_and_keep_the_fixed_ones(client, app_db):
    c = await cast(client, app_db)
    added = await create(
        client, c.tokens["coorganizer"], "/v1/custom-forms", field_body(c.event["id"])
    )
    fixed = (await client.get(f"/v1/events/{c.event['id']}/custom-forms{ATTENDEE_FORM}")).json()[
        "data"
    ][0]

    renamed = await client.patch(
        f"/v1/custom-forms/{fixed['id']}",
        json=patch("custom-form", fixed["id"], name="Given name"),
        headers=c.jwt("owner"),
    )
    unrequired = await client.patch(
        f"/v1/custom-forms/{fixed['id']}",
        json=patch("custom-form", fixed["id"], **{"is-required": False}),
        headers=c.jwt("owner"),
    )
    deleted_fixed = await client.delete(f"/v1/custom-forms/{fixed['id']}", headers=c.jwt("owner"))
    twice = await client.post(
        "/v1/custom-forms", json=field_body(c.event["id"]), headers=c.jwt("owner")
    )

    assert added["attributes"]["is-fixed"] is False
    assert renamed.status_code == 200
    assert unrequired.status_code == 422
    assert deleted_fixed.status_code == 422
    assert twice.status_code == 409


async def test_who_may_not_write_custom_forms(client, app_db):
    c = await cast(client, app_db)
    before = await count(app_db, CustomForm)

    for who in ("user", "registrar", "moderator", "stranger"):
        answer = await client.post(
            "/v1/custom-forms", json=field_body(c.event["id"]), headers=c.jwt(who)
        )
        assert answer.status_code == 403, (who, answer.text)
    anonymous = await client.post(
        "/v1/custom-forms",
        json=field_body(c.event["id"]),
        headers={"Content-Type": "application/vnd.api+json"},
    )

    assert anonymous.status_code in (401, 403)
    assert await count(app_db, CustomForm) == before


async def test_the_fields_of_a_draft_are_not_public(client, app_db):
    c = await cast(client, app_db, published=False)

    public = await client.get(f"/v1/events/{c.event['id']}/custom-forms")
    managed = await client.get(f"/v1/events/{c.event['id']}/custom-forms", headers=c.jwt("owner"))

    assert public.status_code == 404 or public.json()["data"] == []
    assert len(managed.json()["data"]) == 3
