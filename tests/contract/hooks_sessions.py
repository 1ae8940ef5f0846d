"""Setup hooks for the Sessions, Speakers and Speakers Calls groups, and the "… of a session"
and "… for a speaker" actions of other groups. The event's owner writes and reads (a
speaker's contact details are shown to the event's team only)."""

from __future__ import annotations

from typing import Any

from tests.contract.scene import Account, Plan, Scene, hook


async def _program(scene: Scene) -> tuple[Account, dict[str, Any], dict[str, str]]:
    """A published event taking sessions, its open call, a track, a room, a session type, a
    speaker and an accepted session of that speaker, all in place."""
    owner = await scene.account()
    event = await scene.event(owner)
    on = {"event": ("event", event["id"])}
    await scene.client.patch(
        f"/v1/events/{event['id']}",
        json={
            "data": {
                "type": "event",
                "id": event["id"],
                "attributes": {"is-sessions-speakers-enabled": True},
            }
        },
        headers={"Authorization": f"JWT {owner.token}", "Content-Type": "application/vnd.api+json"},
    )
    made = {"event": event["id"]}
    call = await scene.create(
        owner.token,
        "/v1/speakers-calls",
        "speakers-call",
        on,
        **{"starts-at": "2020-01-01T00:00:00+00:00", "ends-at": "2099-01-01T00:00:00+00:00"},
    )
    made["speakers-call"] = call["id"]
    for type_, path, attributes in (
        ("track", "tracks", {"name": "Main", "color": "#a04b4b"}),
        ("microlocation", "microlocations", {"name": "Hall"}),
        ("session-type", "session-types", {"name": "Talk"}),
        ("speaker", "speakers", {"name": "Ada", "email": owner.email}),
    ):
        made[type_] = (await scene.create(owner.token, f"/v1/{path}", type_, on, **attributes))[
            "id"
        ]
    session = await scene.create(
        owner.token,
        "/v1/sessions",
        "session",
        {
            **on,
            "track": ("track", made["track"]),
            "microlocation": ("microlocation", made["microlocation"]),
            "session-type": ("session-type", made["session-type"]),
        },
        title="Keynote",
        state="accepted",
    )
    made["session"] = session["id"]
    await scene.client.post(
        f"/v1/sessions/{session['id']}/relationships/speakers",
        json={"data": [{"type": "speaker", "id": made["speaker"]}]},
        headers={"Authorization": f"JWT {owner.token}", "Content-Type": "application/vnd.api+json"},
    )
    return owner, event, made


async def _plan(scene: Scene) -> Plan:
    owner, event, made = await _program(scene)
    return Plan(
        token=owner.token,
        params={
            "session_id": made["session"],
            "speaker_id": made["speaker"],
            "speakers_call_id": made["speakers-call"],
            "track_id": made["track"],
            "microlocation_id": made["microlocation"],
            "session_type_id": made["session-type"],
            "event_identifier": event["attributes"]["identifier"],
            "user_id": owner.id,
        },
        ids={**made, "user": owner.id},
    )


async def _fresh_event(scene: Scene) -> Plan:
    """An event without a call yet: its owner creates one."""
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(token=owner.token, ids={"event": event["id"]})


for _action in (
    "Sessions::Create Sessions",
    "Sessions::Session Details",
    "Sessions::Update Session",
    "Sessions::Delete Session",
    "Sessions::List Sessions under an Event",
    "Sessions::List Sessions under a Track",
    "Sessions::List Sessions under a Session Type",
    "Sessions::List Sessions under a Microlocation",
    "Sessions::List Sessions under a Speaker",
    "Sessions::Session States",
    "Sessions::Sessions State Change Mails",
    "Speakers::Speaker Details",
    "Speakers::Update Speaker",
    "Speakers::Delete Speaker",
    "Speakers::List Speakers under an Event",
    "Speakers::List Speakers under a Session",
    "Speakers::List Speakers Profiles for a User",
    "Speakers Calls::Speakers Call Details",
    "Speakers Calls::Update Speakers Call",
    "Speakers Calls::Delete Speakers Call",
    "Speakers Calls::Get Speakers Call Details for an Event",
    "Users::Get User Details for a Speaker",
    "Events::Event Details for a Speakers Call",
    "Events::Event Details for a Session",
    "Events::Event Details for a Speaker",
    "Microlocations::Get Microlocation Details of a Session",
    "Session Type::Get Session Type Details",
    "Tracks::Get Track Details of a Session",
):
    hook(_action, requires=("session", "speaker", "speakers-call"))(_plan)

hook("Speakers::Create Speaker", requires=("speaker",))(_plan)
hook("Speakers Calls::Create Speakers Call", requires=("speakers-call",))(_fresh_event)


async def _feedback(scene: Scene) -> Plan:
    """The program above, and its owner's feedback on its session."""
    plan = await _plan(scene)
    assert plan.token is not None
    made = await scene.create(
        plan.token,
        "/v1/feedbacks",
        "feedback",
        {"session": ("session", plan.ids["session"])},
        rating=4.0,
        comment="Great",
    )
    plan.params["feedback_id"] = made["id"]
    plan.ids["feedback"] = made["id"]
    return plan


for _action in (
    "Feedback::Feedback Detail",
    "Feedback::Update Feedback",
    "Feedback::Delete Feedback",
    "Feedback::List All Feedbacks for an Event",
):
    hook(_action, requires=("feedback",))(_feedback)
hook("Feedback::Create Feedback", requires=("feedback",))(_plan)
