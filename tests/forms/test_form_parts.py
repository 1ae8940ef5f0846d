"""A field's choices (`custom-form-option`) and its names in other languages
(`custom-form-translate`): read with their field, written by the event's co-organizers."""

from __future__ import annotations

from typing import Any

import pytest

from hallway.forms.models import CustomFormOption, CustomFormTranslate
from tests.tickets.helpers import body, cast, count, create, link, patch, stored

PARTS = {
    "custom-form-option": ("custom-form-options", CustomFormOption, {"value": "Vegan"}),
    "custom-form-translate": (
        "custom-form-translates",
        CustomFormTranslate,
        {"name": "Régime", "language-code": "fr"},
    ),
}


async def select_field(client, c) -> dict[str, Any]:
    values = {"field-identifier": "diet", "form": "attendee", "type": "select"}
    values["is-complex"] = True
    document = body("custom-form", values, event=link("event", c.event["id"]))
    return await create(client, c.tokens["coorganizer"], "/v1/custom-forms", document)


def part_body(type_: str, field_id: Any, **attributes: Any) -> dict[str, Any]:
    values = {**PARTS[type_][2], **attributes}
    return body(type_, values, custom_form=link("custom-form", field_id))


@pytest.mark.parametrize("type_", list(PARTS))
async def test_coorganizers_add_change_and_remove_parts_of_a_field(client, app_db, type_):
    c = await cast(client, app_db)
    field = await select_field(client, c)
    path, model, _ = PARTS[type_]

    made = await create(
        client, c.tokens["coorganizer"], f"/v1/{path}", part_body(type_, field["id"])
    )
    changed = await client.patch(
        f"/v1/{path}/{made['id']}",
        json=patch(
            type_, made["id"], **({"value": "Halal"} if "option" in type_ else {"name": "Diète"})
        ),
        headers=c.jwt("organizer"),
    )
    listed = await client.get(f"/v1/custom-forms/{field['id']}/{path}")
    deleted = await client.delete(f"/v1/{path}/{made['id']}", headers=c.jwt("owner"))

    assert made["relationships"]["custom-form"]["data"] == {
        "type": "custom-form",
        "id": field["id"],
    }
    assert changed.status_code == 200, changed.text
    assert [item["id"] for item in listed.json()["data"]] == [made["id"]]
    assert deleted.status_code == 200
    assert await count(app_db, model) == 0


async def test_a_field_includes_its_options_and_an_option_its_field(client, app_db):
    c = await cast(client, app_db)
    field = await select_field(client, c)
    token = c.tokens["owner"]
    for value in ("Vegan", "Halal"):
        await create(
            client,
            token,
            "/v1/custom-form-options",
            part_body("custom-form-option", field["id"], value=value),
        )
    translate = part_body("custom-form-translate", field["id"])
    await create(client, token, "/v1/custom-form-translates", translate)

    forms = await client.get(
        f"/v1/events/{c.event['id']}/custom-forms"
        "?include=custom-form-options,custom-form-translates&page[size]=0"
    )
    first = (await client.get(f"/v1/custom-forms/{field['id']}/custom-form-options")).json()[
        "data"
    ][0]
    option = await client.get(f"/v1/custom-form-options/{first['id']}?include=custom-form")
    field_of = await client.get(f"/v1/custom-form-options/{first['id']}/custom-form")

    assert forms.status_code == 200, forms.text
    included = {
        (item["type"], item["attributes"].get("value") or item["attributes"].get("name"))
        for item in forms.json()["included"]
    }
    assert included == {
        ("custom-form-option", "Vegan"),
        ("custom-form-option", "Halal"),
        ("custom-form-translate", "Régime"),
    }
    [diet] = [f for f in forms.json()["data"] if f["id"] == field["id"]]
    assert len(diet["relationships"]["custom-form-options"]["data"]) == 2
    assert option.json()["included"][0]["id"] == field["id"]
    assert field_of.json()["data"]["attributes"]["field-identifier"] == "diet"


@pytest.mark.parametrize("type_", list(PARTS))
async def test_who_may_not_write_parts_of_a_field(client, app_db, type_):
    c = await cast(client, app_db)
    field = await select_field(client, c)
    path, model, _ = PARTS[type_]
    made = await create(client, c.tokens["owner"], f"/v1/{path}", part_body(type_, field["id"]))

    for who in ("user", "registrar", "moderator", "stranger"):
        headers = c.jwt(who)
        posted = await client.post(
            f"/v1/{path}", json=part_body(type_, field["id"]), headers=headers
        )
        changed = await client.patch(
            f"/v1/{path}/{made['id']}",
            json=patch(type_, made["id"], name="x", value="x"),
            headers=headers,
        )
        deleted = await client.delete(f"/v1/{path}/{made['id']}", headers=headers)
        assert posted.status_code == 403, (who, posted.text)
        assert changed.status_code == 403, (who, changed.text)
        assert deleted.status_code == 403, (who, deleted.text)
    anonymous = await client.post(
        f"/v1/{path}",
        json=part_body(type_, field["id"]),
        headers={"Content-Type": "application/vnd.api+json"},
    )

    assert anonymous.status_code in (401, 403)
    assert await count(app_db, model) == 1
    kept = await stored(app_db, model, made["id"])
    assert (getattr(kept, "value", None) or kept.name) in ("Vegan", "Régime")


async def test_a_part_cannot_be_moved_to_another_events_field(client, app_db):
    c = await cast(client, app_db)
    field = await select_field(client, c)
    theirs = await create(
        client,
        c.tokens["stranger"],
        "/v1/custom-forms",
        body(
            "custom-form",
            {"field-identifier": "x", "form": "speaker"},
            event=link("event", c.other["id"]),
        ),
    )
    made = await create(
        client,
        c.tokens["owner"],
        "/v1/custom-form-options",
        part_body("custom-form-option", field["id"]),
    )

    moved = await client.patch(
        f"/v1/custom-form-options/{made['id']}/relationships/custom-form",
        json=link("custom-form", theirs["id"]),
        headers=c.jwt("owner"),
    )
    into_theirs = await client.post(
        "/v1/custom-form-options",
        json=part_body("custom-form-option", theirs["id"]),
        headers=c.jwt("owner"),
    )

    assert moved.status_code == 403, moved.text
    assert into_theirs.status_code == 403, into_theirs.text
    assert (await stored(app_db, CustomFormOption, made["id"])).custom_form_id == int(field["id"])


async def test_parts_of_a_drafts_fields_are_not_public(client, app_db):
    c = await cast(client, app_db, published=False)
    field = await select_field(client, c)
    made = await create(
        client,
        c.tokens["owner"],
        "/v1/custom-form-options",
        part_body("custom-form-option", field["id"]),
    )

    public = await client.get(f"/v1/custom-form-options/{made['id']}")
    listed = await client.get("/v1/custom-form-options")
    stranger = await client.get(f"/v1/custom-form-options/{made['id']}", headers=c.jwt("stranger"))
    managed = await client.get(
        f"/v1/custom-form-options/{made['id']}", headers=c.jwt("coorganizer")
    )

    assert public.status_code == 404
    assert made["id"] not in [item["id"] for item in listed.json()["data"]]
    assert stranger.status_code == 404
    assert managed.status_code == 200


async def test_an_option_needs_a_value_and_a_field(client, app_db):
    c = await cast(client, app_db)
    field = await select_field(client, c)

    empty = await client.post(
        "/v1/custom-form-options",
        json=part_body("custom-form-option", field["id"], value=""),
        headers=c.jwt("owner"),
    )
    orphan = await client.post(
        "/v1/custom-form-options",
        json=body("custom-form-option", {"value": "Vegan"}),
        headers=c.jwt("owner"),
    )

    assert empty.status_code == 422
    assert orphan.status_code == 422
    assert await count(app_db, CustomFormOption) == 0


@pytest.mark.parametrize("type_", list(PARTS))
async def test_a_part_is_made_under_its_fields_url(client, app_db, type_):
    c = await cast(client, app_db)
    field = await select_field(client, c)
    theirs = await create(
        client,
        c.tokens["stranger"],
        "/v1/custom-forms",
        body(
            "custom-form",
            {"field-identifier": "x", "form": "speaker"},
            event=link("event", c.other["id"]),
        ),
    )
    path, model, values = PARTS[type_]
    under = f"/v1/custom-forms/{field['id']}/{path}"
    bare = {"data": {"type": type_, "attributes": values}}

    made = await client.post(under, json=bare, headers=c.jwt("coorganizer"))
    assert made.status_code == 201, made.text
    data = made.json()["data"]
    assert data["relationships"]["custom-form"]["data"]["id"] == field["id"]
    assert made.headers["Location"].endswith(f"/v1/{path}/{data['id']}")
    named = await client.post(under, json=part_body(type_, field["id"]), headers=c.jwt("owner"))
    assert named.status_code == 201, named.text

    other_field = await client.post(
        under, json=part_body(type_, theirs["id"]), headers=c.jwt("owner")
    )
    assert other_field.status_code == 409, other_field.text
    for who in ("stranger", "user"):
        refused = await client.post(under, json=bare, headers=c.jwt(who))
        assert refused.status_code == 403, (who, refused.text)
    foreign = await client.post(
        f"/v1/custom-forms/{theirs['id']}/{path}", json=bare, headers=c.jwt("owner")
    )
    assert foreign.status_code == 403, foreign.text
    anonymous = await client.post(
        under, json=bare, headers={"Content-Type": "application/vnd.api+json"}
    )
    assert anonymous.status_code in (401, 403), anonymous.text
    missing = await client.post(
        f"/v1/custom-forms/999999/{path}", json=bare, headers=c.jwt("owner")
    )
    assert missing.status_code == 404
    assert await count(app_db, model) == 2
