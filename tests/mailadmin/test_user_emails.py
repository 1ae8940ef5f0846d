"""Alternate e-mail addresses: a user adds their own, each gets a verification mail whose token
`POST /v1/auth/verify-email` accepts; an address belongs to one user (main or alternate)."""

from __future__ import annotations

import re

import pytest

from hallway.users.alternates import UserEmail
from tests.appfixtures import Mailbox, settle
from tests.mailadmin.conftest import ANONYMOUS, people, rows


def address(email: str, kind: str = "work") -> dict:
    return {"data": {"type": "user-email", "attributes": {"email-address": email, "type": kind}}}


def token_in(message) -> str:
    match = re.search(r"token=([A-Za-z0-9_.-]+)", Mailbox.text(message))
    assert match, Mailbox.text(message)
    return match.group(1)


async def added(client, headers, email: str = "ann@work.example.com") -> dict:
    response = await client.post("/v1/user-emails", json=address(email), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["data"]


async def test_an_added_address_is_verified_by_the_mailed_link(client, app_db, mailbox):
    who = await people(client, app_db)

    item = await added(client, who.user)
    await settle()
    (message,) = mailbox.to("ann@work.example.com")
    verified = await client.post(
        "/v1/auth/verify-email", json={"data": {"token": token_in(message)}}
    )
    again = await client.post("/v1/auth/verify-email", json={"data": {"token": token_in(message)}})

    assert item["attributes"]["email-address"] == "ann@work.example.com"
    assert item["attributes"]["type"] == "work" and item["attributes"]["user-id"] == who.user_id
    assert item["attributes"]["is-verified"] is False
    assert verified.status_code == 200 and verified.json() == {"message": "Email Verified"}
    assert again.status_code == 422
    (row,) = await rows(app_db, UserEmail)
    assert row.is_verified and row.user_id == who.user_id
    listed = await client.get(f"/v1/users/{who.user_id}/alternate-emails", headers=who.user)
    assert [i["attributes"]["is-verified"] for i in listed.json()["data"]] == [True]


async def test_a_changed_address_is_unverified_and_mailed_again(client, app_db, mailbox):
    who = await people(client, app_db)
    item = await added(client, who.user)
    await settle()
    (first,) = mailbox.to("ann@work.example.com")
    await client.post("/v1/auth/verify-email", json={"data": {"token": token_in(first)}})

    changed = await client.patch(
        f"/v1/user-emails/{item['id']}",
        json={
            "data": {
                "type": "user-email",
                "id": item["id"],
                "attributes": {"email-address": "ann@office.example.com", "type": "office"},
            }
        },
        headers=who.user,
    )
    await settle()
    stale = await client.post("/v1/auth/verify-email", json={"data": {"token": token_in(first)}})

    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["attributes"]["is-verified"] is False
    assert len(mailbox.to("ann@office.example.com")) == 1
    assert stale.status_code == 422
    (row,) = await rows(app_db, UserEmail)
    assert (row.email_address, row.type, row.is_verified) == (
        "ann@office.example.com",
        "office",
        False,
    )


@pytest.mark.parametrize(
    "taken", ["olga@example.com", "OLGA@example.com", "ann@example.com", "olga@work.example.com"]
)
async def test_an_address_belongs_to_one_user(client, app_db, mailbox, taken):
    who = await people(client, app_db)
    await added(client, who.organizer, "olga@work.example.com")
    await settle()
    mailbox.messages.clear()

    response = await client.post("/v1/user-emails", json=address(taken), headers=who.user)
    await settle()

    assert response.status_code == 409, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/email-address"
    assert [row.email_address for row in await rows(app_db, UserEmail)] == ["olga@work.example.com"]
    assert mailbox.messages == []


@pytest.mark.parametrize(
    "attributes",
    [
        {"email-address": "not an address", "type": "work"},
        {"email-address": "a@b.example.com", "type": "yacht"},
        {"type": "work"},
    ],
)
async def test_bad_input_is_refused(client, app_db, attributes):
    who = await people(client, app_db)

    response = await client.post(
        "/v1/user-emails",
        json={"data": {"type": "user-email", "attributes": attributes}},
        headers=who.user,
    )

    assert response.status_code == 422
    assert await rows(app_db, UserEmail) == []


async def test_nobody_else_reads_or_changes_an_address(client, app_db, mailbox):
    who = await people(client, app_db)
    item = await added(client, who.user)
    patch = {
        "data": {
            "type": "user-email",
            "id": item["id"],
            "attributes": {"email-address": "olga@taken.example.com"},
        }
    }

    for headers in (ANONYMOUS, who.organizer):
        detail = await client.get(f"/v1/user-emails/{item['id']}", headers=headers)
        changed = await client.patch(f"/v1/user-emails/{item['id']}", json=patch, headers=headers)
        deleted = await client.delete(f"/v1/user-emails/{item['id']}", headers=headers)
        listed = await client.get(f"/v1/users/{who.user_id}/alternate-emails", headers=headers)
        assert detail.status_code in {401, 404} and "ann@work.example.com" not in detail.text
        assert changed.status_code in {401, 404} and deleted.status_code in {401, 404}
        assert "ann@work.example.com" not in listed.text
    anonymous_add = await client.post(
        "/v1/user-emails", json=address("x@y.example.com"), headers=ANONYMOUS
    )

    assert anonymous_add.status_code == 401
    (row,) = await rows(app_db, UserEmail)
    assert row.email_address == "ann@work.example.com"


async def test_admins_read_and_remove_but_do_not_change_an_address(client, app_db, mailbox):
    who = await people(client, app_db)
    item = await added(client, who.user)

    listed = await client.get("/v1/user-emails", headers=who.admin)
    changed = await client.patch(
        f"/v1/user-emails/{item['id']}",
        json={"data": {"type": "user-email", "id": item["id"], "attributes": {"type": "home"}}},
        headers=who.admin,
    )
    deleted = await client.delete(f"/v1/user-emails/{item['id']}", headers=who.admin)

    assert [i["id"] for i in listed.json()["data"]] == [item["id"]]
    assert changed.status_code == 403
    assert deleted.status_code == 200
    assert await rows(app_db, UserEmail) == []


async def test_the_owner_removes_an_address(client, app_db, mailbox):
    who = await people(client, app_db)
    item = await added(client, who.user)

    deleted = await client.delete(f"/v1/user-emails/{item['id']}", headers=who.user)

    assert deleted.status_code == 200
    assert await rows(app_db, UserEmail) == []


async def test_an_alternate_address_cannot_become_another_accounts_address(client, app_db, mailbox):
    who = await people(client, app_db)
    await added(client, who.user)

    signed_up = await client.post(
        "/v1/users",
        headers=ANONYMOUS,
        json={
            "data": {
                "type": "user",
                "attributes": {"email": "ANN@work.example.com", "password": "long enough pw"},
            }
        },
    )
    looked_up = await client.post("/v1/users/check_email", json={"email": "ann@work.example.com"})

    assert signed_up.status_code == 409, signed_up.text
    assert looked_up.json() == {"exists": True}


async def test_admins_list_every_alternate_address_at_the_admin_path(client, app_db, mailbox):
    who = await people(client, app_db)
    ann = await added(client, who.user, "ann@work.example.com")
    olga = await added(client, who.organizer, "olga@home.example.com")

    listed = await client.get("/v1/admin/user-emails?sort=email-address", headers=who.admin)
    one = await client.get(
        "/v1/admin/user-emails?filter="
        + '[{"name":"email-address","op":"eq","val":"olga@home.example.com"}]',
        headers=who.admin,
    )

    assert listed.status_code == 200, listed.text
    assert [i["id"] for i in listed.json()["data"]] == [ann["id"], olga["id"]]
    assert {i["type"] for i in listed.json()["data"]} == {"user-email"}
    assert listed.json()["meta"]["count"] == 2
    assert [i["id"] for i in one.json()["data"]] == [olga["id"]]


async def test_nobody_but_admins_lists_the_admin_path(client, app_db, mailbox):
    who = await people(client, app_db)
    await added(client, who.user)

    anonymous = await client.get("/v1/admin/user-emails", headers=ANONYMOUS)
    for headers in (who.user, who.organizer):
        refused = await client.get("/v1/admin/user-emails", headers=headers)
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["status"] == 403
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["status"] == 401
