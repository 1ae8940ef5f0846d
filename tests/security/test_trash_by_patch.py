"""Trashing through PATCH (`deleted-at`) follows the rules and effects of DELETE: an account
that owns live events stays, and a deleted account is anonymised, whoever sends it."""

from __future__ import annotations

from tests.appfixtures import JSONAPI, jwt, login, make_user
from tests.events.helpers import create_event
from tests.users.test_deletion import PERSONAL, stored


def _trash(user_id: int, **attributes: object) -> dict:
    return {
        "data": {
            "type": "user",
            "id": str(user_id),
            "attributes": {"deleted-at": "2030-01-01T00:00:00+00:00", **attributes},
        }
    }


async def test_an_owner_of_live_events_cannot_trash_the_account_by_patch(client, app_db):
    ann = await make_user(app_db, "ann@example.com", **PERSONAL)
    token = await login(client, "ann@example.com")
    await create_event(client, token, state="published")

    response = await client.patch(f"/v1/users/{ann.id}", json=_trash(ann.id), headers=jwt(token))

    assert response.status_code == 409
    assert response.json()["errors"][0]["detail"].startswith("This account owns events")
    user = await stored(app_db, ann.id)
    assert user.deleted_at is None and user.email == "ann@example.com"
    assert user.first_name == "Ann"


async def test_an_account_trashed_by_patch_is_anonymised_like_a_delete(client, app_db):
    ann = await make_user(app_db, "ann@example.com", **PERSONAL)
    await make_user(app_db, "admin@example.com", is_admin=True)
    admin = await login(client, "admin@example.com")

    response = await client.patch(
        f"/v1/users/{ann.id}",
        json=_trash(ann.id, **{"first-name": "Still Ann"}),
        headers={**jwt(admin), "Content-Type": JSONAPI},
    )

    assert response.status_code < 300, response.text
    user = await stored(app_db, ann.id)
    assert user.deleted_at is not None and user.tokens_valid_after is not None
    assert user.email == f"deleted-{ann.id}@deleted.invalid"
    left = {name: getattr(user, name) for name in PERSONAL if getattr(user, name) is not None}
    assert left == {}  # the first name sent with it is not applied either
