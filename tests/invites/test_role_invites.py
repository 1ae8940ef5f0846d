"""Role invites through HTTP: who may send, list, resend and withdraw them; the mail and its
token; accepting and declining; and what bad input and the wrong people leave unchanged."""

from __future__ import annotations

from sqlalchemy import select

from hallway.db import Database
from hallway.users.models import User
from tests.appfixtures import JSONAPI, Mailbox, jwt, settle
from tests.invites.helpers import (
    accept,
    account,
    count_invites,
    holder,
    hosted_event,
    invite_body,
    invites,
    mailed_token,
    roles_held,
    send_invite,
    token_body,
)


async def test_invite_mail_accept_and_the_organizer_sees_the_new_holder(
    client, app_db: Database, mailbox: Mailbox, settings
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")

    sent = await send_invite(client, owner, event_id, "New.Org@Example.com", "organizer")
    token = await mailed_token(mailbox, "new.org@example.com")
    (message,) = mailbox.to("new.org@example.com")
    looked_up = await client.post("/v1/role_invites/user", json=token_body(token))
    invitee = await account(client, app_db, "new.org@example.com", is_verified=False)
    accepted = await accept(client, invitee, token)
    holders = await client.get(
        f"/v1/events/{event_id}/users-events-roles?include=user,role", headers=jwt(owner)
    )

    assert sent.status_code == 201, sent.text
    data = sent.json()["data"]
    assert data["type"] == "role-invite"
    assert data["attributes"]["email"] == "new.org@example.com"
    assert data["attributes"]["role-name"] == "organizer"
    assert data["attributes"]["status"] == "pending"
    assert set(data["attributes"]) == {"email", "role-name", "status", "created-at"}
    home = await client.get(data["relationships"]["event"]["links"]["related"], headers=jwt(owner))
    assert home.json()["data"]["id"] == event_id
    assert "Organizer" in str(message["Subject"])
    assert f"{settings.frontend_url.rstrip('/')}/role-invites?token={token}" in Mailbox.text(
        message
    )
    assert looked_up.status_code == 200 and looked_up.json() == {"email": "new.org@example.com"}
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["event"] == int(event_id)
    assert accepted.json()["role"] == "organizer" and accepted.json()["event_identifier"]
    assert ("new.org@example.com", "organizer") in await roles_held(app_db, event_id)
    assert await invites(app_db, event_id) == [("new.org@example.com", "organizer", "accepted")]
    async with app_db.sessions() as session:
        user = await session.scalar(select(User).where(User.email == "new.org@example.com"))
    assert user is not None and user.is_verified
    assert holders.status_code == 200
    shown = {
        (item["relationships"]["user"]["data"]["id"], item["relationships"]["role"]["data"]["id"])
        for item in holders.json()["data"]
    }
    assert len(shown) == 2
    assert (str(user.id), accepted_role(holders.json())) in shown
    included = {(i["type"], i["id"]) for i in holders.json()["included"]}
    assert ("user", str(user.id)) in included


def accepted_role(document: dict) -> str:
    """The id of the organizer role, as included beside the grants."""
    (role,) = [
        i["id"]
        for i in document["included"]
        if i["type"] == "role" and i["attributes"]["name"] == "organizer"
    ]
    return str(role)


async def test_organizers_list_the_invites_of_their_event_only(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    other, other_event = await hosted_event(client, app_db, "other@example.com")
    await send_invite(client, owner, event_id, "a@example.com", "coorganizer")
    await send_invite(client, other, other_event, "b@example.com", "moderator")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )
    coorganizer = await holder(
        client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer"
    )

    by_owner = await client.get(
        f"/v1/events/{event_id}/role-invites?include=role", headers=jwt(owner)
    )
    by_organizer = await client.get(f"/v1/events/{event_id}/role-invites", headers=jwt(organizer))
    by_coorganizer = await client.get(
        f"/v1/events/{event_id}/role-invites", headers=jwt(coorganizer)
    )
    by_other = await client.get(f"/v1/events/{event_id}/role-invites", headers=jwt(other))
    anonymous = await client.get(f"/v1/events/{event_id}/role-invites")
    everything = await client.get("/v1/role-invites", headers=jwt(other))

    assert by_owner.status_code == 200
    assert sorted(i["attributes"]["email"] for i in by_owner.json()["data"]) == [
        "a@example.com",
        "co@example.com",
        "org@example.com",
    ]
    assert {i["type"] for i in by_owner.json()["included"]} == {"role"}
    assert len(by_organizer.json()["data"]) == 3
    assert by_coorganizer.json()["data"] == []
    assert by_other.json()["data"] == [] and anonymous.json()["data"] == []
    assert [i["attributes"]["email"] for i in everything.json()["data"]] == ["b@example.com"]


async def test_who_may_not_send_an_invite(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    other, _ = await hosted_event(client, app_db, "other@example.com")
    plain = await account(client, app_db, "plain@example.com")
    coorganizer = await holder(
        client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer"
    )
    moderator = await holder(
        client, app_db, mailbox, owner, event_id, "mod@example.com", "moderator"
    )
    before = await count_invites(app_db)
    mails = len(mailbox.messages)
    body = invite_body(event_id, "guest@example.com", "organizer")

    anonymous = await client.post("/v1/role-invites", json=body, headers=JSONAPI_TYPE)
    refused = {
        name: await client.post("/v1/role-invites", json=body, headers=jwt(token))
        for name, token in {
            "plain user": plain,
            "co-organizer": coorganizer,
            "moderator": moderator,
            "another event's owner": other,
        }.items()
    }
    await settle()

    assert anonymous.status_code == 403, anonymous.text
    assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 403)
    assert await count_invites(app_db) == before
    assert len(mailbox.messages) == mails and mailbox.to("guest@example.com") == []


async def test_only_the_owner_invites_an_owner_who_then_takes_over(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    organizer = await holder(
        client, app_db, mailbox, owner, event_id, "org@example.com", "organizer"
    )

    by_organizer = await send_invite(client, organizer, event_id, "boss@example.com", "owner")
    by_owner = await send_invite(client, owner, event_id, "boss@example.com", "owner")
    rival = await send_invite(client, owner, event_id, "rival@example.com", "owner")
    boss = await account(client, app_db, "boss@example.com")
    accepted = await accept(client, boss, await mailed_token(mailbox, "boss@example.com"))
    shown_owner = await client.get(f"/v1/events/{event_id}/owner", headers=jwt(boss))

    assert by_organizer.status_code == 403, by_organizer.text
    assert by_owner.status_code == 201, by_owner.text
    assert accepted.status_code == 200, accepted.text
    held = await roles_held(app_db, event_id)
    assert ("boss@example.com", "owner") in held
    assert ("owner@example.com", "owner") not in held
    assert ("owner@example.com", "organizer") in held
    assert shown_owner.json()["data"]["attributes"]["email"] == "boss@example.com"
    assert rival.status_code == 201
    assert ("rival@example.com", "owner", "pending") not in await invites(app_db, event_id)


async def test_one_pending_invite_per_address_and_event(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    other, other_event = await hosted_event(client, app_db, "other@example.com")
    first = await send_invite(client, owner, event_id, "guest@example.com", "moderator")
    token = await mailed_token(mailbox, "guest@example.com")

    again = await send_invite(client, owner, event_id, "GUEST@example.com ", "registrar")
    elsewhere = await send_invite(client, other, other_event, "guest@example.com", "moderator")
    guest = await account(client, app_db, "guest@example.com")
    declined = await client.post(
        "/v1/role_invites/decline-invite",
        json=token_body(token),
        headers=jwt(guest),
    )
    after_decline = await send_invite(client, owner, event_id, "guest@example.com", "registrar")

    assert first.status_code == 201 and elsewhere.status_code == 201
    assert again.status_code == 409, again.text
    assert again.json()["errors"][0]["source"] == {"pointer": "/data/attributes/email"}
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert after_decline.status_code == 201, after_decline.text
    assert await invites(app_db, event_id) == [
        ("guest@example.com", "moderator", "declined"),
        ("guest@example.com", "registrar", "pending"),
    ]
    assert ("guest@example.com", "moderator") not in await roles_held(app_db, event_id)


async def test_bad_input_is_refused_with_a_pointer_and_changes_nothing(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    async with app_db.sessions() as session:
        from hallway.roles.models import Role

        organizer_id = await session.scalar(select(Role.id).where(Role.name == "organizer"))
    cases = {
        "unknown role name": (invite_body(event_id, "g@example.com", "king"), ROLE_NAME),
        "no role at all": (invite_body(event_id, "g@example.com"), ROLE_NAME),
        "role and role-name disagree": (
            invite_body(event_id, "g@example.com", "moderator", organizer_id),
            ROLE_NAME,
        ),
        "unknown role id": (
            invite_body(event_id, "g@example.com", role_id=999999),
            "/data/relationships/role",
        ),
        "not an address": (invite_body(event_id, "nobody", "moderator"), "/data/attributes/email"),
        "no event": (
            {"data": {"type": "role-invite", "attributes": {"email": "g@example.com"}}},
            "/data/relationships/event",
        ),
    }

    answers = {
        name: await client.post("/v1/role-invites", json=body, headers=jwt(owner))
        for name, (body, _) in cases.items()
    }
    await settle()

    for name, response in answers.items():
        assert 400 <= response.status_code < 500, (name, response.text)
        assert response.json()["errors"][0]["source"]["pointer"] == cases[name][1], name
    assert await invites(app_db, event_id) == []
    assert mailbox.to("g@example.com") == []


ROLE_NAME = "/data/attributes/role-name"
JSONAPI_TYPE = {"Content-Type": JSONAPI}


async def test_nobody_else_accepts_with_the_token(client, app_db: Database, mailbox: Mailbox):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    await send_invite(client, owner, event_id, "guest@example.com", "organizer")
    token = await mailed_token(mailbox, "guest@example.com")
    intruder = await account(client, app_db, "intruder@example.com")

    anonymous = await accept(client, None, token)
    someone_else = await accept(client, intruder, token)
    other_declines = await client.post(
        "/v1/role_invites/decline-invite", json=token_body(token), headers=jwt(intruder)
    )
    unknown = await accept(client, intruder, "not-a-token")
    no_token = await client.post(
        "/v1/role_invites/accept-invite", json={"data": {}}, headers=jwt(intruder)
    )
    by_owner = await accept(client, owner, token)

    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401  # a JSON:API error, as the resource's
    assert someone_else.status_code == 403 and other_declines.status_code == 403
    assert by_owner.status_code == 403
    assert unknown.status_code == 404
    assert no_token.status_code == 400
    assert no_token.json()["errors"][0]["source"] == {"pointer": "/data/token"}
    assert await roles_held(app_db, event_id) == {("owner@example.com", "owner")}
    assert await invites(app_db, event_id) == [("guest@example.com", "organizer", "pending")]

    guest = await account(client, app_db, "guest@example.com")
    assert (await accept(client, guest, token)).status_code == 200
    twice = await accept(client, guest, token)
    assert twice.status_code == 409
    assert ("guest@example.com", "organizer") in await roles_held(app_db, event_id)


async def test_resend_mails_a_new_link_and_the_old_one_stops_working(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    other, _ = await hosted_event(client, app_db, "other@example.com")
    sent = await send_invite(client, owner, event_id, "guest@example.com", "registrar")
    invite_id = sent.json()["data"]["id"]
    old = await mailed_token(mailbox, "guest@example.com")

    by_other = await client.post(f"/v1/role-invites/{invite_id}/resend-invite", headers=jwt(other))
    anonymous = await client.post(f"/v1/role-invites/{invite_id}/resend-invite")
    resent = await client.post(f"/v1/role-invites/{invite_id}/resend-invite", headers=jwt(owner))
    new = await mailed_token(mailbox, "guest@example.com")
    guest = await account(client, app_db, "guest@example.com")
    with_old = await accept(client, guest, old)
    with_new = await accept(client, guest, new)
    after_accept = await client.post(
        f"/v1/role-invites/{invite_id}/resend-invite", headers=jwt(owner)
    )

    assert by_other.status_code == 404 and anonymous.status_code == 401
    assert resent.status_code == 200 and resent.json() == {"success": True}
    assert len(mailbox.to("guest@example.com")) == 2 and new != old
    assert with_old.status_code == 404 and with_new.status_code == 200
    assert after_accept.status_code == 409


async def test_organizers_withdraw_pending_invites_but_not_accepted_ones(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    coorganizer = await holder(
        client, app_db, mailbox, owner, event_id, "co@example.com", "coorganizer"
    )
    pending = (await send_invite(client, owner, event_id, "p@example.com", "moderator")).json()
    accepted_id = (await invites_by_email(client, owner, event_id))["co@example.com"]

    by_coorganizer = await client.delete(
        f"/v1/role-invites/{pending['data']['id']}", headers=jwt(coorganizer)
    )
    accepted = await client.delete(f"/v1/role-invites/{accepted_id}", headers=jwt(owner))
    withdrawn = await client.delete(f"/v1/role-invites/{pending['data']['id']}", headers=jwt(owner))
    token = await mailed_token(mailbox, "p@example.com")
    late = await accept(client, await account(client, app_db, "p@example.com"), token)

    assert by_coorganizer.status_code in (403, 404)
    assert accepted.status_code == 409, accepted.text
    assert withdrawn.status_code == 200
    assert late.status_code == 404
    assert await invites(app_db, event_id) == [("co@example.com", "coorganizer", "accepted")]


async def invites_by_email(client, token: str, event_id: str) -> dict[str, str]:
    listed = await client.get(f"/v1/events/{event_id}/role-invites", headers=jwt(token))
    return {i["attributes"]["email"]: i["id"] for i in listed.json()["data"]}


async def test_the_invite_relationships_cannot_be_changed(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    _, other_event = await hosted_event(client, app_db, "other@example.com")
    sent = await send_invite(client, owner, event_id, "g@example.com", "moderator")
    invite_id = sent.json()["data"]["id"]

    moved = await client.patch(
        f"/v1/role-invites/{invite_id}/relationships/event",
        json={"data": {"type": "event", "id": other_event}},
        headers=jwt(owner),
    )
    patched = await client.patch(
        f"/v1/role-invites/{invite_id}",
        json={
            "data": {"type": "role-invite", "id": invite_id, "attributes": {"status": "accepted"}}
        },
        headers=jwt(owner),
    )

    assert moved.status_code == 403 and patched.status_code == 405
    assert await invites(app_db, event_id) == [("g@example.com", "moderator", "pending")]


async def test_an_invite_to_a_deleted_event_cannot_be_accepted(
    client, app_db: Database, mailbox: Mailbox
):
    owner, event_id = await hosted_event(client, app_db, "owner@example.com")
    await send_invite(client, owner, event_id, "guest@example.com", "organizer")
    token = await mailed_token(mailbox, "guest@example.com")
    deleted = await client.delete(f"/v1/events/{event_id}", headers=jwt(owner))

    answer = await accept(client, await account(client, app_db, "guest@example.com"), token)

    assert deleted.status_code == 200, deleted.text
    assert answer.status_code == 404
    assert ("guest@example.com", "organizer") not in await roles_held(app_db, event_id)
