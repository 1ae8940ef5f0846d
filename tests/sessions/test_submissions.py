"""After a submission: the event's owner and organizers get a "new session" mail through the
outbox; pending proposals of an event that has ended are rejected by a periodic job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from hallway.events.models import Event
from hallway.jobs import JobContext
from hallway.mail.models import OutboxMail
from hallway.sessions.models import Session
from hallway.sessions.tasks import reject_overdue
from tests.appfixtures import Mailbox, make_user, settle
from tests.forms.answers import add_field
from tests.program.helpers import grant
from tests.sessions.helpers import change, program, submit, submitted
from tests.tickets.helpers import count, stored


async def with_organizer(client, app_db):
    c = await program(client, app_db)
    organizer = await make_user(app_db, "organizer@example.com")
    await grant(app_db, int(c.event_id), organizer.id, "organizer")
    return c


def subjects(mailbox: Mailbox, address: str) -> list[str]:
    return [str(message["Subject"]) for message in mailbox.to(address)]


async def test_a_submission_mails_the_owner_and_the_organizers(client, app_db, mailbox: Mailbox):
    c = await with_organizer(client, app_db)

    await submitted(client, c, "user", "Rust at scale", state="pending")
    await settle()

    for address in ("owner@example.com", "organizer@example.com"):
        (subject,) = subjects(mailbox, address)
        assert subject.startswith("New session proposal for ")
        assert subject.endswith(": Rust at scale")
    (message,) = mailbox.to("owner@example.com")
    assert "/sessions/pending" in Mailbox.text(message)
    assert mailbox.to("coorganizer@example.com") == []
    assert mailbox.to("user@example.com") == []


async def test_a_draft_mails_nobody_until_it_is_submitted(client, app_db, mailbox: Mailbox):
    c = await with_organizer(client, app_db)

    draft = await submitted(client, c, "user", "Draft talk")
    await settle()
    before = list(mailbox.messages)
    sent_in = await change(client, c, "user", draft["id"], state="pending")
    await settle()

    assert before == []
    assert sent_in.status_code == 200, sent_in.text
    assert len(subjects(mailbox, "owner@example.com")) == 1
    assert len(subjects(mailbox, "organizer@example.com")) == 1


async def test_a_refused_submission_or_a_review_mails_nobody(client, app_db, mailbox: Mailbox):
    c = await with_organizer(client, app_db)
    talk = await submitted(client, c, "user", "Talk", state="pending")
    await settle()
    mailbox.messages.clear()
    await add_field(client, c.headers("owner"), c.event_id, "session", "bio", is_required=True)
    outbox = await count(app_db, OutboxMail)

    refused = await submit(client, c, "user", "Another", state="pending")
    rejected = await change(client, c, "owner", talk["id"], state="rejected")
    reopened = await change(client, c, "owner", talk["id"], state="pending")
    await settle()

    assert refused.status_code == 422
    assert rejected.status_code == reopened.status_code == 200
    assert await count(app_db, OutboxMail) == outbox
    assert mailbox.messages == []


async def test_pending_proposals_of_an_ended_event_are_rejected(client, app_db, settings):
    c = await program(client, app_db)
    waiting = await submitted(client, c, "user", "Waiting", state="pending")
    kept = await submitted(client, c, "user", "Kept draft")
    accepted = await submitted(client, c, "user", "Accepted", state="pending")
    await change(client, c, "owner", accepted["id"], state="accepted")

    not_yet = await reject_overdue(JobContext(settings, app_db))
    async with app_db.sessions() as session, session.begin():
        await session.execute(
            update(Event)
            .where(Event.id == int(c.event_id))
            .values(
                starts_at=datetime.now(UTC) - timedelta(days=3),
                ends_at=datetime.now(UTC) - timedelta(days=2),
            )
        )
    done = await reject_overdue(JobContext(settings, app_db))

    assert not_yet == {"rejected": 0}
    assert done == {"rejected": 1}
    assert (await stored(app_db, Session, waiting["id"])).state == "rejected"
    assert (await stored(app_db, Session, kept["id"])).state == "draft"
    assert (await stored(app_db, Session, accepted["id"])).state == "accepted"
