"""Setup hooks for the groups of an event's program catalogue: Microlocations, Session Type,
Tracks, Social Links, Sponsors, Exhibitors, FAQ, FAQ Types and Video Streams, and the
"event of a …" actions of the Events group. The event's owner writes; reads go out with a
plain user's token (reading a published event's parts is public)."""

from __future__ import annotations

from typing import Any

from tests.contract.scene import Plan, Scene, hook

# type -> (path, attributes of a stored one, the URI parameter naming one)
PARTS: dict[str, tuple[str, dict[str, Any], str]] = {
    "microlocation": ("microlocations", {"name": "Hall A", "floor": 2}, "microlocation_id"),
    "session-type": ("session-types", {"name": "Talk", "length": "00:30"}, "session_type_id"),
    "track": ("tracks", {"name": "Main Track", "color": "#a04b4b"}, "track_id"),
    "social-link": ("social-links", {"name": "Site", "link": "https://example.com"}, "link_id"),
    "sponsor": ("sponsors", {"name": "Fossasia", "level": 1}, "sponsor_id"),
    "exhibitor": ("exhibitors", {"name": "Fossasia", "status": "accepted"}, "exhibitor_id"),
    "faq": ("faqs", {"question": "Where?", "answer": "Here."}, "faq_id"),
    "faq-type": ("faq-types", {"name": "Venue"}, "faq_type_id"),
}


async def _stored(scene: Scene, type_: str, *, reader: bool) -> Plan:
    """One part of a published event; the plan names it, its event, and who asks."""
    path, attributes, param = PARTS[type_]
    owner = await scene.account()
    event = await scene.event(owner)
    made = await scene.create(
        owner.token, f"/v1/{path}", type_, {"event": ("event", event["id"])}, **attributes
    )
    token = (await scene.account()).token if reader else owner.token
    return Plan(
        token=token,
        params={
            param: made["id"],
            "event_identifier": event["attributes"]["identifier"],
            "faq_identifier": made["id"],
            "social_link_id": made["id"],
        },
        ids={type_: made["id"], "event": event["id"]},
    )


async def _owner_creates(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(token=owner.token, ids={"event": event["id"]})


for _group, _type, _create in (
    ("Microlocations", "microlocation", "Create Microlocation"),
    ("Session Type", "session-type", "Create Session Type"),
    ("Tracks", "track", "Create Track"),
    ("Social Links", "social-link", "Create Social Link"),
    ("Sponsors", "sponsor", "Create Sponsor"),
    ("Exhibitors", "exhibitor", "Create Exhibitor"),
    ("FAQ", "faq", "Create FAQ"),
    ("FAQ Types", "faq-type", "Create FAQ Type"),
):
    hook(f"{_group}::{_create}", requires=(_type,))(_owner_creates)


def _reads(type_: str, *actions: str) -> None:
    async def setup(scene: Scene) -> Plan:
        return await _stored(scene, type_, reader=True)

    for action in actions:
        hook(action, requires=(type_,))(setup)


def _writes(type_: str, *actions: str) -> None:
    async def setup(scene: Scene) -> Plan:
        return await _stored(scene, type_, reader=False)

    for action in actions:
        hook(action, requires=(type_,))(setup)


_reads(
    "microlocation",
    "Microlocations::Microlocation Details",
    "Microlocations::Get List of Microlocations under an Event",
    "Events::Event Details for a Microlocation",
)
_writes(
    "microlocation", "Microlocations::Update Microlocation", "Microlocations::Delete Microlocation"
)
_reads(
    "session-type",
    "Session Type::Session Type Details",
    "Session Type::List Session Types",
    "Events::Event Details for a Session Type",
)
_writes("session-type", "Session Type::Update Session Type", "Session Type::Delete Session Type")
_reads(
    "track",
    "Tracks::Get Details",
    "Tracks::Get List of Tracks under an Event",
    "Events::Event Details for a Track",
)
_writes("track", "Tracks::Update Track", "Tracks::Delete Track")
_reads(
    "social-link",
    "Social Links::List All Social Links under an Event",
    "Social Links::Social Link Detail",
    "Events::Event Details for a Social Link",
)
_writes("social-link", "Social Links::Update Social Link", "Social Links::Delete Social Link")
_reads(
    "sponsor",
    "Sponsors::List All Sponsors",
    "Sponsors::Sponsor Details",
    "Events::Event Details for a Sponsor",
)
_writes("sponsor", "Sponsors::Update Sponsor", "Sponsors::Delete Sponsor")
_reads("exhibitor", "Exhibitors::List All Exhibitors", "Exhibitors::Exhibitor Details")
_writes("exhibitor", "Exhibitors::Update Exhibitor", "Exhibitors::Delete Exhibitor")
_reads(
    "faq",
    "FAQ::FAQ Detail",
    "FAQ::List All FAQs for an Event",
    "Events::Event Details for a FAQ",
)
_writes("faq", "FAQ::Update FAQ", "FAQ::Delete FAQ")
_reads(
    "faq-type",
    "FAQ Types::FAQ Type Detail",
    "FAQ Types::List All FAQ Types for an Event",
)
_writes("faq-type", "FAQ Types::Update FAQ Type", "FAQ Types::Delete FAQ Type")


@hook("FAQ Types::List All FAQ Types for a FAQ", requires=("faq", "faq-type"))
async def a_faq_with_a_type(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    kind = await scene.create(
        owner.token, "/v1/faq-types", "faq-type", {"event": ("event", event["id"])}, name="Venue"
    )
    faq = await scene.create(
        owner.token,
        "/v1/faqs",
        "faq",
        {"event": ("event", event["id"]), "faq-type": ("faq-type", kind["id"])},
        question="Where?",
        answer="Here.",
    )
    return Plan(token=(await scene.account()).token, params={"faq_identifier": faq["id"]})


@hook("Video Streams::List all Video Streams", requires=("video-stream",))
async def no_streams_yet(scene: Scene) -> Plan:
    return Plan(token=(await scene.account()).token)
