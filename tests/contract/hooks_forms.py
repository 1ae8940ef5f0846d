"""Setup hooks for the actions that read through custom forms: every event has its
compulsory attendee fields."""

from __future__ import annotations

from tests.contract.scene import Plan, Scene, hook


@hook("Events::Event Details for a Custom Form", requires=("custom-form",))
async def an_owner_and_a_field_of_their_event(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    fields = await scene.client.get(
        f"/v1/events/{event['id']}/custom-forms",
        headers={"Authorization": f"JWT {owner.token}"},
    )
    assert fields.status_code == 200, f"setup: the event's fields: {fields.text[:300]}"
    return Plan(token=owner.token, params={"custom_form_id": fields.json()["data"][0]["id"]})


@hook("Custom Forms::Custom Form Detail", requires=("custom-form",))
@hook("Custom Forms::Update Custom Form", requires=("custom-form",))
@hook("Custom Forms::Delete Custom Form", requires=("custom-form",))
@hook("Custom Forms::List All Custom Forms for an Event", requires=("custom-form",))
@hook("Custom Forms::Create Custom Form", requires=("custom-form",))
async def an_owner_and_a_speaker_field(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    field = await scene.create(
        owner.token,
        "/v1/custom-forms",
        "custom-form",
        {"event": ("event", event["id"])},
        form="speaker",
        type="text",
        **{"field-identifier": "name", "is-required": True},
    )
    return Plan(
        token=owner.token,
        params={
            "custom_form_id": field["id"],
            "event_identifier": event["attributes"]["identifier"],
        },
        ids={"custom-form": field["id"], "event": event["id"]},
        fields={"field-identifier": "organisation"},
    )
