"""The data the fuzzer starts from: accounts of every kind, taxonomy, events in several states with
role grants, and a few objects of each other resource, so that generated ids and identifiers hit
real rows some of the time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.activity.models import Activity
from hallway.auth.passwords import hash_password
from hallway.badges.models import BadgeFieldForm, BadgeForm
from hallway.codes.models import AccessCode, DiscountCode
from hallway.db import Database
from hallway.events.models import Event, EventCopyright
from hallway.exports.models import DataJob
from hallway.faqs.models import Faq, FaqType
from hallway.favourites.models import UserFavouriteEvent, UserFavouriteSession
from hallway.forms.models import CustomForm, CustomFormOption, CustomFormTranslate
from hallway.invoices.models import EventInvoice
from hallway.links.models import SocialLink
from hallway.mail.models import SentMail
from hallway.mailadmin.models import EmailNotification
from hallway.notifications.models import Notification
from hallway.orders.models import Attendee, Order
from hallway.payments.models import StripeAuthorization
from hallway.permissions.models import CustomSystemRole, PanelPermission
from hallway.program.models import Microlocation, SessionType, Track, VideoStream
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.models import Feedback, Session, Speaker, SpeakersCall
from hallway.sponsors.models import Exhibitor, Sponsor
from hallway.stations.models import Station, StationStorePax, UserCheckIn
from hallway.taxonomy.models import (
    CustomPlaceholder,
    EventLocation,
    EventSubTopic,
    EventTopic,
    EventType,
)
from hallway.tickets.models import Tax, Ticket, TicketFee, TicketTag
from hallway.users.alternates import UserEmail
from hallway.users.models import User

PASSWORD = "fuzzing is fun 1234"
ADMIN_EMAIL = "admin@fuzz.test"
EMAILS = ["organizer@fuzz.test", "attendee@fuzz.test", "pending@fuzz.test", "staff@fuzz.test"]
EVENTS = (  # name, state, days from now, online
    ("Fuzz Summit", "published", 30, False),
    ("Fuzz Meetup", "published", 3, True),
    ("Fuzz Past Meetup", "published", -60, False),
    ("Fuzz Draft Conference", "draft", 7, False),
)


async def seed(database_url: str) -> dict[str, int]:
    """Seed the database; the ids of the accounts the fuzzer calls as, by name."""
    db = Database(database_url)
    try:
        async with db.sessions() as session, session.begin():
            users = await _users(session)
            sub_topics = await _taxonomy(session)
            events = await _events(session, sub_topics[0])
            await _grants(session, events, users)
            admin, organizer = users[0], users[1]
            summit, draft = events[0], events[3]
            session.add_all(
                [
                    EventCopyright(event_id=summit.id, licence="CC BY 4.0", year=2024),
                    EventCopyright(event_id=draft.id, licence="All rights reserved"),
                    StripeAuthorization(event_id=summit.id, stripe_user_id="acct_fuzz"),
                    EventLocation(name="Berlin", slug="berlin"),
                    EventLocation(name="Singapore", slug="singapore"),
                    Notification(user_id=admin.id, title="Welcome", message="<p>Hello</p>"),
                    Notification(user_id=organizer.id, title="Event published", is_read=True),
                    Activity(
                        actor=organizer.email,
                        actor_id=organizer.id,
                        time=datetime.now(UTC),
                        verb="update",
                        object_type="event",
                        object_id=str(summit.id),
                        event_id=summit.id,
                        address="127.0.0.1",
                        action=f"update event {summit.id}: name",
                    ),
                    CustomPlaceholder(
                        name="Placeholder",
                        original_image_url="https://example.com/placeholder.png",
                        event_sub_topic_id=sub_topics[1].id,
                    ),
                ]
            )
            for event in (summit, draft):
                await _program(session, event)
            await _tickets(session, summit)
            await _stations(session, summit)
            _mail_administration(session, users, summit)
            await _badges(session, summit)
            await _panel_roles(session)
            session.add(
                EventInvoice(
                    identifier="203012U-000001",
                    month="2030-12",
                    amount=12,
                    currency="EUR",
                    due_at=summit.starts_at,
                    event_id=summit.id,
                    user_id=organizer.id,
                )
            )
            _data_jobs(session, summit, organizer)
        return {"admin": admin.id, "organizer": organizer.id}
    finally:
        await db.dispose()


def _data_jobs(session: AsyncSession, event: Event, user: User) -> None:
    """A finished export of the event (its download exists), one of no event (the sales)
    and an import job."""
    session.add_all(
        [
            DataJob(
                kind="export.orders.csv", event_id=event.id, user_id=user.id, state="SUCCESS",
                progress=100, filename="orders.csv", media_type="text/csv", content=b"Order\n",
            ),
            DataJob(kind="import.json", user_id=user.id, state="FAILURE", error="not a zip"),
            DataJob(
                kind="export.adminsales.csv", user_id=user.id, state="SUCCESS", progress=100,
                filename="sales.csv", media_type="text/csv", content=b"Event\n",
            ),
        ]
    )  # fmt: skip


async def _panel_roles(session: AsyncSession) -> None:
    """Beside the migration's seeded roles and panels (and its role-by-service matrix): a
    custom system role opening the reports panel, and a closed panel nobody opens."""
    reports = await session.scalar(
        select(PanelPermission).where(PanelPermission.panel_name == "reports")
    )
    session.add_all(
        [
            CustomSystemRole(name="Accountant", panel_permissions=[reports] if reports else []),
            PanelPermission(panel_name="marketing", can_access=False),
        ]
    )


async def _program(session: AsyncSession, event: Event) -> None:
    """One of each part of the event's program catalogue."""
    stream = VideoStream(name="Live", url="https://stream.example/live", event_id=event.id)
    kind = FaqType(name="Venue", event_id=event.id)
    session.add_all([stream, kind])
    await session.flush()
    track = Track(name="Main", color="#a04b4b", event_id=event.id)
    kind_of_talk = SessionType(name="Talk", length="00:30", event_id=event.id)
    hall = Microlocation(name="Hall", event_id=event.id, video_stream_id=stream.id)
    speaker = Speaker(name="Ada", email="speaker@fuzz.test", event_id=event.id)
    talks = [
        Session(
            title=f"A {state} talk",
            state=state,
            event_id=event.id,
            track=track,
            session_type=kind_of_talk,
            microlocation=hall,
            speakers=[speaker],
        )
        for state in ("pending", "accepted")
    ]
    now = datetime.now(UTC)
    call = SpeakersCall(
        starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=30), event_id=event.id
    )
    session.add_all(
        [
            track,
            kind_of_talk,
            hall,
            speaker,
            *talks,
            call,
            Feedback(rating=4.5, comment="Great", event_id=event.id, session=talks[1]),
            Faq(question="Parking?", answer="Yes", event_id=event.id, faq_type_id=kind.id),
            Sponsor(name="ACME", level=1, event_id=event.id),
            Exhibitor(name="ACME", status="accepted", event_id=event.id),
            Exhibitor(name="Pending", event_id=event.id),
            SocialLink(name="Site", link="https://example.com", event_id=event.id),
            CustomForm(
                form="session",
                field_identifier="level",
                type="select",
                is_included=True,
                is_complex=True,
                event_id=event.id,
                custom_form_options=[CustomFormOption(value="Beginner")],
                custom_form_translates=[CustomFormTranslate(name="Niveau", language_code="fr")],
            ),
        ]
    )
    await session.flush()
    fan = await session.scalar(select(User.id).order_by(User.id).limit(1))
    session.add_all(
        [
            UserFavouriteEvent(user_id=fan, event_id=event.id),
            UserFavouriteSession(user_id=fan, session_id=talks[1].id),
        ]
    )


async def _tickets(session: AsyncSession, event: Event) -> None:
    """A shown and a hidden ticket, a tag, a tax, a ticket fee and a code of each kind."""
    sales = {
        "sales_starts_at": event.starts_at - timedelta(days=20),
        "sales_ends_at": event.starts_at,
        "event_id": event.id,
    }
    shown = Ticket(name="Standard", type="paid", price=10, **sales)
    hidden = Ticket(name="Crew", type="free", is_hidden=True, **sales)
    session.add_all(
        [
            shown,
            hidden,
            TicketTag(name="Main", event_id=event.id, tickets=[shown]),
            Tax(name="VAT", rate=19, event_id=event.id),
            TicketFee(currency="EUR", service_fee=2, maximum_fee=5),
            code := DiscountCode(
                code="FUZZ10", type="percent", value=10, event_id=event.id, tickets=[shown]
            ),
            AccessCode(code="CREW", event_id=event.id, tickets=[hidden]),
        ]
    )
    await session.flush()
    await _orders(session, shown, code)


async def _orders(session: AsyncSession, ticket: Ticket, code: DiscountCode) -> None:
    """A completed order and one being made, each with an attendee, holding their stock; the
    completed one was made with the code and is credited to its buyer as marketer (so the
    admin sales views list it)."""
    buyers = list(await session.scalars(select(User.id).order_by(User.id).limit(2)))
    for buyer, status in zip(buyers, ("completed", "initializing"), strict=True):
        order = Order(
            amount=10,
            status=status,
            payment_mode="onsite" if status == "completed" else None,
            discount_code_id=code.id if status == "completed" else None,
            marketer_id=buyer if status == "completed" else None,
            event_id=ticket.event_id,
            user_id=buyer,
            quantity=1,
        )
        session.add(order)
        await session.flush()
        session.add(
            Attendee(
                firstname="Ada",
                lastname="Lovelace",
                email="ada@example.com",
                ticket_id=ticket.id,
                order_id=order.id,
                event_id=ticket.event_id,
            )
        )
    ticket.reserved = len(buyers)


async def _stations(session: AsyncSession, event: Event) -> None:
    """A registration desk and a door station at the hall, the completed order's attendee
    registered at the desk, and a head count of the accepted talk at the door."""
    hall = await session.scalar(select(Microlocation).where(Microlocation.event_id == event.id))
    talk = await session.scalar(
        select(Session).where(Session.event_id == event.id, Session.state == "accepted")
    )
    holder = await session.scalar(
        select(Attendee)
        .join(Order, Order.id == Attendee.order_id)
        .where(Attendee.event_id == event.id, Order.status == "completed")
    )
    assert hall is not None and talk is not None and holder is not None
    desk = Station(station_name="Desk", station_type="registration", event_id=event.id)
    door = Station(
        station_name="Door", station_type="check in", event_id=event.id, microlocation_id=hall.id
    )
    session.add_all([desk, door])
    await session.flush()
    holder.is_registered = True
    session.add_all(
        [
            UserCheckIn(
                event_id=event.id,
                station_id=desk.id,
                ticket_holder_id=holder.id,
                station_type="registration",
                message="Ticket register successful.",
                day=datetime.now(UTC).date().isoformat(),
            ),
            StationStorePax(
                event_id=event.id, station_id=door.id, session_id=talk.id, current_pax=12
            ),
        ]
    )


def _mail_administration(session: AsyncSession, users: list[User], event: Event) -> None:
    """A logged mail, e-mail preferences and alternate addresses (one verified)."""
    admin, organizer, attendee = users[:3]
    session.add_all(
        [
            SentMail(
                recipient=organizer.email,
                time=datetime(2030, 1, 1, tzinfo=UTC),
                action="verify_email",
                subject="Confirm your email address",
                message="<p>Confirm</p>",
            ),
            EmailNotification(user_id=organizer.id, event_id=event.id, new_paper=True),
            EmailNotification(user_id=attendee.id, event_id=event.id),
            UserEmail(user_id=organizer.id, email_address="work@fuzz.test", type="work"),
            UserEmail(
                user_id=admin.id, email_address="home@fuzz.test", type="home", is_verified=True
            ),
        ]
    )


async def _badges(session: AsyncSession, event: Event) -> None:
    """A badge form with a name and a QR field, printed for every ticket of the event, and a
    field of its own."""
    fields = [
        {"badge_id": "fuzz-badge", "custom_field": "Name", "field_identifier": "name"},
        {"badge_id": "fuzz-badge", "custom_field": "QR", "field_identifier": "qr"},
    ]
    form = BadgeForm(
        badge_id="fuzz-badge", badge_size="4 x 6 inch (101.6 x 152.4 mm)", badge_fields=fields,
        badge_orientation="Portrait", badge_color="#ffffff", event_id=event.id,
    )  # fmt: skip
    session.add(form)
    await session.flush()
    session.add(
        BadgeFieldForm(
            badge_form_id=form.id, event_id=event.id, badge_id="fuzz-badge", custom_field="Email"
        )
    )
    await session.execute(
        update(Ticket).where(Ticket.event_id == event.id).values(badge_id="fuzz-badge")
    )


async def _users(session: AsyncSession) -> list[User]:
    """The admin, an organizer, an attendee with a public profile, an unverified account and
    a staff admin, in that order."""
    password_hash = await hash_password(PASSWORD)
    users = [User(email=email, password_hash=password_hash) for email in [ADMIN_EMAIL, *EMAILS]]
    admin, organizer, attendee, _pending, staff = users
    admin.is_verified = admin.is_admin = admin.is_super_admin = True
    admin.first_name, admin.last_name = "Fuzz", "Admin"
    organizer.is_verified = attendee.is_verified = staff.is_verified = True
    attendee.is_profile_public = True
    staff.is_admin = True
    session.add_all(users)
    await session.flush()
    return users


async def _taxonomy(session: AsyncSession) -> list[EventSubTopic]:
    """Types and topics; the sub-topics Web (science) and Music (arts)."""
    science = EventTopic(name="Science & Technology", slug="science-technology")
    arts = EventTopic(name="Arts", slug="arts")
    session.add_all([EventType(name="Conference", slug="conference"), science, arts])
    session.add(EventType(name="Meetup", slug="meetup"))
    await session.flush()
    sub_topics = [
        EventSubTopic(name="Web", slug="web", event_topic_id=science.id),
        EventSubTopic(name="Music", slug="music", event_topic_id=arts.id),
    ]
    session.add_all(sub_topics)
    await session.flush()
    return sub_topics


async def _events(session: AsyncSession, sub_topic: EventSubTopic) -> list[Event]:
    event_type = await session.scalar(select(EventType).where(EventType.slug == "conference"))
    assert event_type is not None
    now = datetime.now(UTC).replace(microsecond=0)
    events = []
    for number, (name, state, days, online) in enumerate(EVENTS, 1):
        starts = now + timedelta(days=days)
        events.append(
            Event(
                identifier=f"fuzz{number:04d}",  # fixed, so every run sends the same URLs
                name=name,
                state=state,
                starts_at=starts,
                ends_at=starts + timedelta(days=1),
                timezone="Europe/Berlin",
                online=online,
                location_name=None if online else "Berlin",
                event_type_id=event_type.id,
                event_topic_id=sub_topic.event_topic_id,
                event_sub_topic_id=sub_topic.id,
            )
        )
    session.add_all(events)
    await session.flush()
    return events


async def _grants(session: AsyncSession, events: list[Event], users: list[User]) -> None:
    summit, meetup, past, draft = events
    admin, organizer, attendee, _pending, staff = users
    roles = {r.name: r.id for r in await session.scalars(select(Role))}
    grants = [
        (summit, admin, "owner"),
        (meetup, organizer, "owner"),
        (summit, organizer, "organizer"),
        (draft, organizer, "owner"),
        (draft, attendee, "coorganizer"),
        (past, staff, "owner"),
        (summit, attendee, "track_organizer"),
    ]
    session.add_all(
        UsersEventsRoles(event_id=event.id, user_id=user.id, role_id=roles[role])
        for event, user, role in grants
    )


async def restore_account(db: Database, user_id: int, *, admin: bool) -> None:
    """Undo what a fuzzed request may have done to the account a pass runs as."""
    async with db.sessions() as session, session.begin():
        await session.execute(
            update(User)
            .where(User.id == user_id)
            .values(
                deleted_at=None,
                is_blocked=False,
                is_verified=True,
                is_admin=admin,
                is_super_admin=admin,
                tokens_valid_after=None,
            )
        )
