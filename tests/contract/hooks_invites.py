"""Setup hooks for the Role Invites and Users Events Roles groups: an event's owner invites
an address; the invitee signs in and answers with the token of the mail (here the documented
token, set on the stored invite, since only a digest of the mailed one is kept)."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import update

from hallway.invites.models import RoleInvite
from hallway.invites.service import digest
from tests.contract.blueprint import load
from tests.contract.scene import Account, Plan, Scene, hook, unique_email

DOCUMENTED_TOKEN = "ABCDefghIJKLmnop"
NO_HASH = (
    "the invite token is never shown: it travels only in the invite mail, and only its "
    "digest is stored"
)


async def _invite(
    scene: Scene, owner: Account, event: dict[str, Any], email: str, role: str = "organizer"
) -> dict[str, Any]:
    return await scene.create(
        owner.token,
        "/v1/role-invites",
        "role-invite",
        {"event": ("event", event["id"])},
        email=email,
        **{"role-name": role},
    )


async def _with_documented_token(scene: Scene, invite_id: str) -> None:
    async with scene.db.sessions() as session, session.begin():
        await session.execute(
            update(RoleInvite)
            .where(RoleInvite.id == int(invite_id))
            .values(token_digest=digest(DOCUMENTED_TOKEN))
        )


async def _holder(
    scene: Scene, owner: Account, event: dict[str, Any], role: str = "moderator"
) -> Account:
    """An account that accepted an invite to `role` on the event."""
    invitee = await scene.account(unique_email("invitee"))
    invite = await _invite(scene, owner, event, invitee.email, role)
    await _with_documented_token(scene, invite["id"])
    response = await scene.client.post(
        "/v1/role_invites/accept-invite",
        json={"data": {"token": DOCUMENTED_TOKEN}},
        headers={"Authorization": f"JWT {invitee.token}"},
    )
    assert response.status_code == 200, f"setup: the invitee accepts: {response.text[:300]}"
    return invitee


def _documented_without_hash(action_id: str) -> Any:
    (transaction,) = [t for t in load(("Role Invites",)) if t.id == action_id]
    documented = copy.deepcopy(transaction.response.json())
    data = documented["data"]
    for item in data if isinstance(data, list) else [data]:
        item["attributes"].pop("hash", None)
    return documented


@hook("Role Invites::Create Role Invite", requires=("role-invite",))
async def the_owner_invites_an_organizer(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    organizer = await scene.client.get("/v1/roles?filter=[]&page[size]=0")
    role_id = next(
        r["id"] for r in organizer.json()["data"] if r["attributes"]["name"] == "organizer"
    )
    return Plan(
        token=owner.token,
        ids={"event": event["id"], "role": role_id},
        status=201,
        body=_documented_without_hash("Role Invites::Create Role Invite"),
        note=NO_HASH,
    )


@hook("Role Invites::List All Role Invites", requires=("role-invite",))
async def the_owner_lists_the_invites(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    await _invite(scene, owner, event, unique_email("invitee"))
    return Plan(
        token=owner.token,
        params={"event_identifier": event["id"]},
        body=_documented_without_hash("Role Invites::List All Role Invites"),
        note=NO_HASH,
    )


async def _pending_invite(scene: Scene) -> tuple[Account, dict[str, Any]]:
    owner = await scene.account()
    event = await scene.event(owner)
    return owner, await _invite(scene, owner, event, unique_email("invitee"), "attendee")


@hook("Role Invites::Role Invite Details", requires=("role-invite",))
async def the_owner_reads_an_invite(scene: Scene) -> Plan:
    owner, invite = await _pending_invite(scene)
    return Plan(
        token=owner.token,
        params={"role_invite_id": invite["id"]},
        body=_documented_without_hash("Role Invites::Role Invite Details"),
        note=NO_HASH,
    )


@hook("Role Invites::Delete Role Invite", requires=("role-invite",))
@hook("Events::Event Details for a Role Invite", requires=("role-invite",))
async def the_owner_withdraws_an_invite_or_reads_its_event(scene: Scene) -> Plan:
    owner, invite = await _pending_invite(scene)
    return Plan(token=owner.token, params={"role_invite_id": invite["id"]})


@hook("Role Invites::Get User Email Detail By Role Invite Token", requires=("role-invite",))
async def the_invitee_looks_up_the_address(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    invite = await _invite(scene, owner, event, unique_email("invitee"))
    await _with_documented_token(scene, invite["id"])
    return Plan(token=owner.token)


@hook("Role Invites::Accept Role Invite using Token", requires=("role-invite",))
async def the_invitee_accepts(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    invitee = await scene.account(unique_email("invitee"))
    invite = await _invite(scene, owner, event, invitee.email)
    await _with_documented_token(scene, invite["id"])
    return Plan(token=invitee.token)


@hook("Users Events Roles::List All Users Events Roles", requires=("users-events-roles",))
async def the_owner_lists_the_role_holders(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    return Plan(token=owner.token, params={"event_identifier": event["id"]})


@hook("Users Events Roles::Users Events Roles Details", requires=("users-events-roles",))
@hook("Users Events Roles::Delete Users Events Roles", requires=("users-events-roles",))
async def the_owner_reads_or_removes_a_role_holder(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    await _holder(scene, owner, event)
    listed = await scene.client.get(
        f"/v1/events/{event['id']}/users-events-roles?include=role",
        headers={"Authorization": f"JWT {owner.token}"},
    )
    names = {i["id"]: i["attributes"]["name"] for i in listed.json()["included"]}
    grant = next(
        g["id"]
        for g in listed.json()["data"]
        if names[g["relationships"]["role"]["data"]["id"]] == "moderator"
    )
    return Plan(token=owner.token, params={"users_events_roles_id": grant})
