"""Deleting an account keeps the row but nothing that identifies the person, frees the
address, and ends every way back in (tokens, login, reset links)."""

from __future__ import annotations

from sqlalchemy import func, select

from hallway.auth import mailtokens
from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, jwt, login, make_user, settle

SECRET = "test-secret-key-for-hallway-tests"
PERSONAL = {
    "first_name": "Ann",
    "last_name": "Lee",
    "public_name": "ann_lee",
    "avatar_url": "https://img.example/ann.png",
    "original_image_url": "https://img.example/ann-original.png",
    "thumbnail_image_url": "https://img.example/ann-thumb.png",
    "small_image_url": "https://img.example/ann-small.png",
    "icon_image_url": "https://img.example/ann-icon.png",
    "details": "Speaker and organiser from Lyon",
    "contact": "+33 6 12 34 56 78",
    "facebook_url": "https://facebook.com/ann.lee",
    "twitter_url": "https://twitter.com/annlee",
    "instagram_url": "https://instagram.com/annlee",
    "google_plus_url": "https://plus.google.com/annlee",
    "facebook_id": "100004242424242",
    "company": "Lee Consulting",
    "billing_contact_name": "Ann Lee",
    "billing_phone": "+33 6 12 34 56 78",
    "billing_tax_info": "FR12345678901",
    "billing_address": "12 rue de la Paix",
    "billing_city": "Lyon",
    "billing_zip_code": "69001",
    "billing_state": "Rhône",
    "billing_additional_info": "Flat 4B, ask for Ann Lee",
}


async def stored(app_db, user_id: int) -> User:
    async with app_db.sessions() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


async def test_deleting_oneself_clears_every_personal_field(client, app_db):
    ann = await make_user(app_db, "ann@example.com", **PERSONAL)

    response = await client.delete(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "ann@example.com"))
    )

    assert response.status_code == 200
    assert response.json()["meta"] == {"message": "Object successfully deleted"}
    user = await stored(app_db, ann.id)
    assert user.deleted_at is not None and user.tokens_valid_after is not None
    assert user.email == f"deleted-{ann.id}@deleted.invalid"
    left = {name: getattr(user, name) for name in PERSONAL if getattr(user, name) is not None}
    assert left == {}


async def test_an_admin_deletes_an_account_and_it_is_anonymised(client, app_db):
    ann = await make_user(app_db, "ann@example.com", first_name="Ann", company="Lee Consulting")
    await make_user(app_db, "root@example.com", is_admin=True)
    token = jwt(await login(client, "ann@example.com"))

    response = await client.delete(
        f"/v1/users/{ann.id}", headers=jwt(await login(client, "root@example.com"))
    )
    used = await client.get(f"/v1/users/{ann.id}", headers=token)

    assert response.status_code == 200
    user = await stored(app_db, ann.id)
    assert user.deleted_at is not None
    assert (user.email, user.first_name, user.company) == (
        f"deleted-{ann.id}@deleted.invalid",
        None,
        None,
    )
    assert used.status_code == 401


async def test_the_address_of_a_deleted_account_signs_up_again(client, app_db):
    ann = await make_user(app_db, "ann@example.com")
    await client.delete(f"/v1/users/{ann.id}", headers=jwt(await login(client, "ann@example.com")))

    response = await client.post(
        "/v1/users",
        headers={"Content-Type": JSONAPI},
        json={
            "data": {
                "type": "user",
                "attributes": {"email": "ann@example.com", "password": PASSWORD},
            }
        },
    )
    await settle()

    assert response.status_code == 201
    assert int(response.json()["data"]["id"]) != ann.id
    async with app_db.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(User).where(User.email == "ann@example.com")
        )
    assert count == 1
    assert (await stored(app_db, ann.id)).deleted_at is not None


async def test_a_deleted_account_gets_no_reset_mail_and_old_links_fail(client, app_db, mailbox):
    ann = await make_user(app_db, "ann@example.com")
    fingerprint = mailtokens.password_fingerprint(ann.password_hash)
    earlier = mailtokens.make(
        SECRET, "reset", user_id=ann.id, email=ann.email, fingerprint=fingerprint, seconds=600
    )
    await client.delete(f"/v1/users/{ann.id}", headers=jwt(await login(client, "ann@example.com")))

    asked = await client.post(
        "/v1/auth/reset-password", json={"data": {"email": "ann@example.com"}}
    )
    used = await client.patch(
        "/v1/auth/reset-password", json={"data": {"token": earlier, "password": "a new secret"}}
    )
    await settle()

    assert asked.status_code == 200 and asked.json()["email"] == "ann@example.com"
    assert mailbox.messages == []
    assert used.status_code == 422
    assert used.json()["errors"][0]["source"]["pointer"] == "/data/token"
    assert (await stored(app_db, ann.id)).password_hash == ann.password_hash


async def test_deleting_oneself_permanently_is_refused_and_changes_nothing(client, app_db):
    ann = await make_user(app_db, "ann@example.com", first_name="Ann")

    response = await client.delete(
        f"/v1/users/{ann.id}",
        params={"permanent": "true"},
        headers=jwt(await login(client, "ann@example.com")),
    )

    assert response.status_code == 403
    user = await stored(app_db, ann.id)
    assert (user.email, user.first_name, user.deleted_at) == ("ann@example.com", "Ann", None)
    assert await login(client, "ann@example.com")
