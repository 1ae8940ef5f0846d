"""Demo data for a first start: an admin, the event taxonomy, a few published events, two groups
(one promoted on the home page), the footer's pages, and the system settings the admin form
asks for."""

from __future__ import annotations

import asyncio
import colorsys
import io
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import parseaddr
from urllib.parse import urlsplit

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth.passwords import hash_password
from hallway.codes.models import AccessCode, DiscountCode
from hallway.config import Settings
from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import fill_image_variants, random_identifier
from hallway.faqs.models import Faq, FaqType
from hallway.forms.models import compulsory_fields
from hallway.groups.models import Group, UserFollowGroup
from hallway.groups.service import fill_thumbnail
from hallway.images import process_image
from hallway.orders.models import Attendee, Order
from hallway.pages.models import Page
from hallway.program.models import Microlocation, SessionType, Track
from hallway.roles.models import Role, UsersEventsRoles
from hallway.sessions.demo import seed_sessions
from hallway.settings.models import SINGLETON_ID, Setting
from hallway.sponsors.models import Sponsor
from hallway.taxonomy.models import EventSubTopic, EventTopic, EventType, slugify
from hallway.tickets.models import Tax, Ticket
from hallway.uploads import UploadOptions, Uploads
from hallway.uploads.service import image_objects, store
from hallway.users.models import User

ADMIN_EMAIL = "admin@hallway.localhost"
TYPES = ("Conference", "Meetup", "Workshop", "Hackathon", "Festival", "Seminar or Talk")
TOPICS = {
    "Science & Technology": ("Open Source", "Robotics", "Data & Machine Learning", "Web"),
    "Community": ("Education", "Civic Tech", "Diversity"),
    "Arts": ("Music", "Film", "Design"),
}
EVENTS = (
    ("Open Source Summit", "Conference", "Science & Technology", "Open Source", 30, 3, "Berlin"),
    ("Python Meetup Night", "Meetup", "Science & Technology", "Web", 12, 0, "Singapore"),
    ("Robotics Hack Weekend", "Hackathon", "Science & Technology", "Robotics", 45, 2, "Pune"),
    ("Teaching With Data", "Workshop", "Community", "Education", 20, 1, "Nairobi"),
    ("Civic Tech Day", "Seminar or Talk", "Community", "Civic Tech", 60, 0, "Taipei"),
    ("Sound & Code Festival", "Festival", "Arts", "Music", 90, 2, "Lisbon"),
)
# name, promoted, about, the events (by name) it holds
GROUPS = (
    (
        "Open Source Friends",
        True,
        "People who build software in the open, and the events where they meet.",
        ("Open Source Summit", "Python Meetup Night"),
    ),
    (
        "Makers & Robots",
        False,
        "Hardware hackers, tinkerers and their weekends of building things.",
        ("Robotics Hack Weekend",),
    ),
)
# name, url (the frontend serves /<url>), position in the footer
PAGES = (("About", "about", 1), ("Code of Conduct", "code-of-conduct", 2), ("Terms", "terms", 3))
TAGLINE = "Conferences, meetups and workshops, all in one hallway"
# What every demo event's program is made of: tracks (name, colour), rooms, session types
# (name, length), sponsors (name, level, type) and FAQs by type.
TRACKS = (("Main Track", "#a04b4b"), ("Community", "#2e86ab"), ("Hands-on", "#f6c85f"))
ROOMS = ("Main Hall", "Room 101", "Workshop Space")
SESSION_TYPES = (("Talk", "00:30"), ("Keynote", "00:45"), ("Workshop", "01:30"))
SPONSORS = (("Open Infrastructure Co.", 1, "Gold"), ("Friendly Hosting", 2, "Silver"))
FAQS = {
    "Venue": (
        ("Is the venue accessible?", "<p>Yes: step-free access to every room.</p>"),
        ("Where do I park?", "<p>Public transport is best; parking is limited.</p>"),
    ),
    "Tickets": (("Can I transfer my ticket?", "<p>Yes, write to the organizers.</p>"),),
}


@dataclass
class Seeded:
    admin_email: str
    admin_password: str
    events: int


async def seed_if_empty(settings: Settings, origin: str) -> Seeded | None:
    """Fill an empty database; None when it already has users. Images are stored like
    uploads and served from `origin` (the server's base URL)."""
    db = Database(settings.database_url)
    try:
        async with db.sessions() as session, session.begin():
            if await session.scalar(select(func.count()).select_from(User)):
                return None
            password = secrets.token_urlsafe(12)
            admin = User(
                email=ADMIN_EMAIL,
                password_hash=await hash_password(password),
                first_name="Demo",
                last_name="Admin",
                is_verified=True,
                is_admin=True,
                is_super_admin=True,
            )
            session.add(admin)
            await session.flush()
            images = await _demo_images(settings, origin)
            count = await _seed_events(session, admin, images)
            await _seed_groups(session, admin, images)
            await _seed_pages(session)
            await _fill_settings(session, settings, origin)
        return Seeded(ADMIN_EMAIL, password, count)
    finally:
        await db.dispose()


async def seed_taxonomy(
    session: AsyncSession,
) -> tuple[dict[str, EventType], dict[str, EventTopic], dict[str, EventSubTopic]]:
    types = {name: EventType(name=name, slug=slugify(name)) for name in TYPES}
    topics = {name: EventTopic(name=name, slug=slugify(name)) for name in TOPICS}
    session.add_all([*types.values(), *topics.values()])
    await session.flush()
    subs = {
        sub: EventSubTopic(name=sub, slug=slugify(sub), event_topic_id=topics[topic].id)
        for topic, names in TOPICS.items()
        for sub in names
    }
    session.add_all(subs.values())
    await session.flush()
    return types, topics, subs


async def _demo_images(settings: Settings, origin: str) -> list[str]:
    """One banner per demo event: a colour gradient of our own, so processed in this process
    (no worker pool is started for the command that seeds)."""
    options = UploadOptions.from_settings(settings)
    storage = Uploads.build(options).local
    urls = []
    for index in range(len(EVENTS)):
        data = await asyncio.to_thread(_banner, index)
        image = await asyncio.to_thread(process_image, data, options.budget)
        urls.append(await store(storage, image_objects(image), origin))
    return urls


def _banner(index: int) -> bytes:
    from PIL import Image

    hue = index / len(EVENTS)
    start = tuple(int(255 * c) for c in colorsys.hsv_to_rgb(hue, 0.65, 0.95))
    end = tuple(int(255 * c) for c in colorsys.hsv_to_rgb((hue + 0.15) % 1, 0.8, 0.55))
    width, height = 1600, 800
    image = Image.new("RGB", (width, 1))
    image.putdata(
        [
            tuple(a + (b - a) * x // width for a, b in zip(start, end, strict=True))
            for x in range(width)
        ]
    )
    buffer = io.BytesIO()
    image.resize((width, height)).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


async def _seed_events(session: AsyncSession, admin: User, images: list[str]) -> int:
    types, topics, subs = await seed_taxonomy(session)
    owner = await session.scalar(select(Role.id).where(Role.name == "owner"))
    today = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for (name, kind, topic, sub, days, length, city), image in zip(EVENTS, images, strict=True):
        starts = today + timedelta(days=days)
        event = Event(
            identifier=random_identifier(),
            name=name,
            state="published",
            starts_at=starts,
            ends_at=starts + timedelta(days=length, hours=8),
            timezone="UTC",
            location_name=city,
            searchable_location_name=city,
            description=f"<p>{name} is a demo event that comes with Hallway.</p>",
            event_type_id=types[kind].id,
            event_topic_id=topics[topic].id,
            event_sub_topic_id=subs[sub].id,
            is_sessions_speakers_enabled=True,
            is_cfs_enabled=True,
            is_promoted=True,
            original_image_url=image,
            logo_url=image,
            payment_currency="EUR",
            can_pay_onsite=True,
            is_tax_enabled=True,
        )
        fill_image_variants(event)
        session.add(event)
        await session.flush()
        session.add(UsersEventsRoles(event_id=event.id, user_id=admin.id, role_id=owner))
        session.add_all(compulsory_fields(event.id))
        await _seed_program(session, event)
        _seed_catalogue(session, event)
        await _seed_orders(session, event, admin)
        await seed_sessions(session, event)
    return len(EVENTS)


async def _seed_program(session: AsyncSession, event: Event) -> None:
    """The event's tracks, rooms, session types, sponsors and FAQs."""
    rows: list[object] = []
    for position, (name, color) in enumerate(TRACKS):
        rows.append(Track(name=name, color=color, position=position, event_id=event.id))
    for position, name in enumerate(ROOMS):
        rows.append(Microlocation(name=name, floor=0, position=position, event_id=event.id))
    for position, (name, length) in enumerate(SESSION_TYPES):
        rows.append(SessionType(name=name, length=length, position=position, event_id=event.id))
    for name, level, kind in SPONSORS:
        rows.append(Sponsor(name=name, level=level, type=kind, event_id=event.id))
    session.add_all(rows)
    for type_name, faqs in FAQS.items():
        faq_type = FaqType(name=type_name, event_id=event.id)
        session.add(faq_type)
        await session.flush()
        session.add_all(
            Faq(question=q, answer=a, event_id=event.id, faq_type_id=faq_type.id) for q, a in faqs
        )


def _seed_catalogue(session: AsyncSession, event: Event) -> None:
    """Free, paid, donation and hidden (speakers') tickets on sale until the event starts, a
    tax included in the prices, a discount code on the paid ticket and an access code that
    unlocks the hidden one."""
    sales = {
        "sales_starts_at": datetime.now(UTC) - timedelta(days=30),
        "sales_ends_at": event.starts_at,
        "event_id": event.id,
    }
    free = Ticket(name="Community", type="free", price=0, quantity=200, position=1, **sales)
    paid = Ticket(name="Standard", type="paid", price=Decimal("49.00"), position=2, **sales)
    donation = Ticket(
        name="Supporter",
        type="donation",
        min_price=Decimal("5.00"),
        max_price=Decimal("500.00"),
        quantity=50,
        position=3,
        **sales,
    )
    speakers = Ticket(name="Speaker", type="free", is_hidden=True, quantity=30, position=4, **sales)
    session.add_all([free, paid, donation, speakers])
    session.add(Tax(name="VAT", rate=Decimal(19), is_tax_included_in_price=True, event_id=event.id))
    session.add(
        DiscountCode(
            code="HALLWAY10",
            type="percent",
            value=Decimal(10),
            event_id=event.id,
            valid_till=event.ends_at,
            tickets=[paid],
        )
    )
    session.add(AccessCode(code="SPEAKERS", event_id=event.id, tickets=[speakers]))


DEMO_BUYERS = (("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"))


async def _seed_orders(session: AsyncSession, event: Event, buyer: User) -> None:
    """Completed orders: free tickets for three people and one standard ticket paid on site,
    with the stock they hold counted."""
    await session.flush()
    tickets = {
        t.name: t for t in await session.scalars(select(Ticket).where(Ticket.event_id == event.id))
    }
    now = datetime.now(UTC)
    for name, holders, amount, mode in (
        ("Community", DEMO_BUYERS, Decimal(0), "free"),
        ("Standard", DEMO_BUYERS[:1], Decimal("49.00"), "onsite"),
    ):
        ticket = tickets[name]
        order = Order(
            amount=amount,
            status="completed",
            payment_mode=mode,
            event_id=event.id,
            user_id=buyer.id,
            quantity=len(holders),
            created_at=now,
            completed_at=now,
        )
        session.add(order)
        await session.flush()
        session.add_all(
            Attendee(
                firstname=first,
                lastname=last,
                email=f"{first.lower()}@hallway.localhost",
                ticket_id=ticket.id,
                order_id=order.id,
                event_id=event.id,
            )
            for first, last in holders
        )
        ticket.reserved = (ticket.reserved or 0) + len(holders)


async def _seed_groups(session: AsyncSession, admin: User, images: list[str]) -> None:
    """The admin's groups, holding some of the demo events (whose banners they share); the
    admin follows the second."""
    for (name, promoted, about, event_names), image in zip(GROUPS, images, strict=False):
        group = Group(name=name, about=about, is_promoted=promoted, user_id=admin.id)
        group.banner_url = image
        fill_thumbnail(group)
        session.add(group)
        await session.flush()
        stmt = update(Event).where(Event.name.in_(event_names)).values(group_id=group.id)
        await session.execute(stmt)
    session.add(UserFollowGroup(user_id=admin.id, group_id=group.id))


async def _seed_pages(session: AsyncSession) -> None:
    for name, url, index in PAGES:
        description = f"<p>The {name.lower()} page of this Hallway. Admins edit it.</p>"
        page = Page(name=name, title=name, url=url, description=description, index=index)
        page.place, page.language = "footer", "en"
        session.add(page)


async def _fill_settings(session: AsyncSession, settings: Settings, origin: str) -> None:
    """What the admin's system settings form requires before it saves: a tagline, the API and
    frontend URLs (as it accepts them) and the sender of e-mails."""
    sender_name, sender = parseaddr(settings.mail_from)
    values = {
        "tagline": TAGLINE,
        "static_domain": form_url(origin),
        "frontend_url": form_url(settings.frontend_url),
        "email_from": sender,
        "email_from_name": sender_name or settings.app_name,
    }
    await session.execute(update(Setting).where(Setting.id == SINGLETON_ID).values(**values))


def form_url(url: str) -> str:
    """`url` as the frontend's settings form keeps it. The form shows an address after a fixed
    `https://` and checks only that address, refusing the unspecified and private IP ones:
    whatever it saves starts with https://, and this host is named localhost."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and (address.is_loopback or address.is_unspecified):
        host = "localhost"
    return f"https://{host}:{parts.port}" if parts.port else f"https://{host}"
