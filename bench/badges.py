"""The badge print job on a large event: PEOPLE attendees of completed orders (one each) on a
ticket whose badge form has a name, a company, a rotated job title and a QR code. Migrates a
fresh database, seeds it, runs the task `badges.print` as a worker runs it, and prints the
wall and CPU seconds, the pages and the PDF's size.

    python bench/badges.py [PEOPLE]            (SQLite in a temporary directory)
    DATABASE_URL=postgresql://… python bench/badges.py 1000"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

from hallway import migrate
from hallway.badges.models import BadgeForm, BadgePdf
from hallway.badges.tasks import PRINT
from hallway.config import Settings, normalize_database_url
from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import random_identifier
from hallway.jobs.catalog import JobContext, get_task
from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket

BADGE = "bench-badge"
FIELDS = [
    {"field_identifier": "name", "custom_field": "Name", "font_size": 28, "margin_top": 15,
     "font_weight": [{"font_weight": "bold"}], "font_color": "#1b2a4a"},
    {"field_identifier": "company", "custom_field": "Organisation", "font_size": 16},
    {"field_identifier": "jobTitle", "custom_field": "Position", "font_size": 12,
     "text_rotation": 90, "text_alignment": "left", "margin_left": 5},
    {"field_identifier": "qr", "custom_field": "QR", "margin_top": 8},
]  # fmt: skip


async def seed(db: Database, people: int) -> int:
    now = datetime.now(UTC)
    async with db.sessions() as session, session.begin():
        event = Event(
            identifier=random_identifier(), name="Badge Conf", state="published",
            starts_at=now + timedelta(days=3), ends_at=now + timedelta(days=4), timezone="UTC",
        )  # fmt: skip
        session.add(event)
        await session.flush()
        ticket = Ticket(
            name="Pass", type="free", price=0, quantity=10**6, badge_id=BADGE, event_id=event.id,
            sales_starts_at=now - timedelta(days=1), sales_ends_at=now + timedelta(days=2),
        )  # fmt: skip
        form = BadgeForm(
            badge_id=BADGE, badge_size="4 x 6 inch (101.6 x 152.4 mm)", badge_color="#f4f1ea",
            badge_orientation="Portrait", badge_fields=FIELDS, event_id=event.id,
        )  # fmt: skip
        session.add_all([ticket, form])
        await session.flush()
        orders = [
            Order(status="completed", payment_mode="free", event_id=event.id, quantity=1,
                  completed_at=now)
            for _ in range(people)
        ]  # fmt: skip
        session.add_all(orders)
        await session.flush()
        session.add_all(
            Attendee(
                firstname="Ada",
                lastname=f"Guest {n}",
                email=f"guest{n}@example.com",
                company=f"Company {n % 37}",
                job_title="Engineer",
                ticket_id=ticket.id,
                order_id=order.id,
                event_id=event.id,
            )
            for n, order in enumerate(orders)
        )
        return event.id


async def run(database_url: str, people: int) -> dict[str, object]:
    database_url = normalize_database_url(database_url)
    await asyncio.to_thread(migrate.upgrade, database_url)
    db = Database(database_url)
    try:
        event_id = await seed(db, people)
        context = JobContext(Settings(database_url=database_url, redis_url=None), db)
        wall, cpu = time.perf_counter(), time.process_time()
        result = await get_task(PRINT).run(context, event_id)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        async with db.sessions() as session:
            made = await session.get(BadgePdf, int(str(result["download_url"]).rsplit("/", 1)[1]))
            assert made is not None
            size = len(made.content)
    finally:
        await db.dispose()
    return {"attendees": people, "badges": result["badges"], "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2), "pdf_bytes": size}  # fmt: skip


if __name__ == "__main__":
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    url = os.environ.get("DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:
        chosen = url or f"sqlite:///{folder}/badges.db"
        print(json.dumps(asyncio.run(run(chosen, people))))
