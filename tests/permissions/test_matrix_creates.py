"""Creating sessions and speakers as an event's staff follows the role-by-service matrix: a
role holder whose roles there may not create them is no longer staff for that create, and
what they send is a call-for-speakers submission under its rules (refused when no call is
open). Signed-in users' submissions keep following the call's rules."""

from __future__ import annotations

from httpx import Response
from sqlalchemy import func, select

from hallway.sessions.models import Session, Speaker
from tests.permissions.test_matrix_policy import set_flags
from tests.program.helpers import Cast, cast, post
from tests.sessions.helpers import open_call, program, submit

GUEST = "guest@example.org"


async def rows(db, model) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def stored_addresses(db) -> list[str | None]:
    async with db.sessions() as session:
        return list(await session.scalars(select(Speaker.email).order_by(Speaker.id)))


async def staff_talk(client, c: Cast, who: str, title: str = "Keynote") -> Response:
    """A session only staff may create: accepted from the start."""
    return await submit(client, c, who, title, state="accepted")


async def staff_speaker(client, c: Cast, who: str, email: str = GUEST) -> Response:
    """A speaker with somebody else's address: only staff keep it."""
    attributes = {"name": "Guest", "email": email}
    return await post(
        client, "speakers", "speaker", attributes, c.headers(who), event=("event", c.event_id)
    )


async def test_a_coorganizer_creates_sessions_as_staff_only_while_the_matrix_allows(client, app_db):
    c = await cast(client, app_db)  # no call for speakers: only staff may create

    assert (await staff_talk(client, c, "coorganizer", "Before")).status_code == 201
    await set_flags(client, app_db, "coorganizer", "session", can_create=False)
    refused = await staff_talk(client, c, "coorganizer", "Refused")
    assert refused.status_code == 403, refused.text
    assert await rows(app_db, Session) == 1
    assert (await staff_talk(client, c, "owner", "Owner's")).status_code == 201
    await set_flags(client, app_db, "coorganizer", "session", can_create=True)
    assert (await staff_talk(client, c, "coorganizer", "Again")).status_code == 201
    assert await rows(app_db, Session) == 3


async def test_a_track_organizer_creates_sessions_as_staff_once_allowed(client, app_db):
    c = await cast(client, app_db)

    refused = await staff_talk(client, c, "track_organizer")
    assert refused.status_code == 403, refused.text
    await set_flags(client, app_db, "track_organizer", "session", can_create=True)
    allowed = await staff_talk(client, c, "track_organizer")
    assert allowed.status_code == 201, allowed.text
    assert allowed.json()["data"]["attributes"]["state"] == "accepted"
    # Rights on this event do not reach another: the stranger organizes only their own.
    assert (await staff_talk(client, c, "stranger")).status_code == 403
    assert await rows(app_db, Session) == 1


async def test_a_demoted_coorganizer_still_submits_through_the_open_call(client, app_db):
    c = await program(client, app_db)
    await set_flags(client, app_db, "coorganizer", "session", can_create=False)

    staff_only = await staff_talk(client, c, "coorganizer")
    submission = await submit(client, c, "coorganizer", "Proposal", state="pending")

    assert staff_only.status_code == 403, staff_only.text
    assert submission.status_code == 201, submission.text
    assert submission.json()["data"]["attributes"]["state"] == "pending"


async def test_users_and_anonymous_callers_create_no_staff_sessions(client, app_db):
    c = await program(client, app_db)

    for who, status in (("user", 403), ("stranger", 403), ("anonymous", 403)):
        response = await staff_talk(client, c, who)
        assert response.status_code == status, (who, response.text)
    assert (await submit(client, c, "user", "Proposal", state="pending")).status_code == 201
    assert await rows(app_db, Session) == 1


async def test_a_coorganizer_creates_speakers_as_staff_only_while_the_matrix_allows(client, app_db):
    c = await cast(client, app_db)

    created = await staff_speaker(client, c, "coorganizer")
    assert created.status_code == 201, created.text
    assert created.json()["data"]["attributes"]["email"] == GUEST
    await set_flags(client, app_db, "coorganizer", "speaker", can_create=False)
    refused = await staff_speaker(client, c, "coorganizer")
    assert refused.status_code == 403, refused.text
    assert await rows(app_db, Speaker) == 1
    await set_flags(client, app_db, "coorganizer", "speaker", can_create=True)
    again = await staff_speaker(client, c, "coorganizer", "second@example.org")
    assert again.status_code == 201, again.text


async def test_a_demoted_coorganizers_speaker_is_their_own_submission(client, app_db):
    c = await cast(client, app_db)
    await open_call(client, c)
    await set_flags(client, app_db, "coorganizer", "speaker", can_create=False)

    response = await staff_speaker(client, c, "coorganizer")

    assert response.status_code == 201, response.text
    assert response.json()["data"]["attributes"]["email"] == "coorganizer@example.com"


async def test_a_track_organizer_creates_speakers_as_staff_once_allowed(client, app_db):
    c = await cast(client, app_db)

    refused = await staff_speaker(client, c, "track_organizer")
    assert refused.status_code == 403, refused.text
    await set_flags(client, app_db, "track_organizer", "speaker", can_create=True)
    allowed = await staff_speaker(client, c, "track_organizer")
    assert allowed.status_code == 201, allowed.text
    # Their roles may create but not read speakers: the address is hidden from them.
    assert await stored_addresses(app_db) == [GUEST]
