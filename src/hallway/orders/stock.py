"""Stock and code usage, exact under concurrency on SQLite and PostgreSQL.

A sale takes its tickets with one conditional UPDATE per ticket
(`reserved = reserved + n WHERE reserved + n <= quantity`), in ticket-id order: the row lock
(PostgreSQL) or the database write lock (SQLite) makes the check and the change one step, so
two buyers can never both take the last ticket, and a refused UPDATE means sold out. Codes
are capped the same way (`used + n <= tickets_number`).

An order gives its tickets back once: the status change that ends it is itself a
conditional UPDATE (`WHERE status = <what the caller saw>`), and only the transaction whose
UPDATE matched releases the stock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BindParameter, Integer, and_, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.codes.models import AccessCode, DiscountCode
from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket

UNPAID = ("initializing", "pending")
# Every buyer runs these: built once, so no request pays for compiling them again.
_QUANTITY: BindParameter[int] = bindparam("_quantity", type_=Integer)
_TAKE = (
    update(Ticket)
    .where(
        Ticket.id == bindparam("_ticket"),
        Ticket.deleted_at.is_(None),
        Ticket.reserved + _QUANTITY <= Ticket.quantity,
    )
    .values(reserved=Ticket.reserved + _QUANTITY)
    .execution_options(synchronize_session=False)
)
_MOVE = (
    update(Order)
    .where(Order.id == bindparam("_order"), Order.status == bindparam("_seen"))
    .values(status=bindparam("_status"))
    .execution_options(synchronize_session=False)
)


async def take_tickets(session: AsyncSession, wanted: Iterable[tuple[int, int]]) -> int | None:
    """Reserve `quantity` of each `(ticket_id, quantity)`; the first ticket id that has not
    enough left (nothing is taken then: the caller rolls back), or None."""
    for ticket_id, quantity in sorted(wanted):
        taken = await (await session.connection()).execute(
            _TAKE, {"_ticket": ticket_id, "_quantity": quantity}
        )
        if taken.rowcount != 1:
            return ticket_id
    return None


# PostgreSQL: take one ticket's stock and commit in the same round trip (simple-query
# protocol, so no parameters: both values are formatted as integers). A refusal divides by
# zero, which skips the COMMIT; the transaction then goes back to the savepoint.
_TAKE_AND_COMMIT = (
    "SAVEPOINT hallway_take; "
    "WITH taken AS (UPDATE tickets SET reserved = reserved + {quantity} "
    "WHERE id = {ticket} AND deleted_at IS NULL AND reserved + {quantity} <= quantity "
    "RETURNING id) SELECT 1 / count(*) FROM taken; "
    "COMMIT"
)
_DIVISION_BY_ZERO = "22012"


async def take_and_commit(session: AsyncSession, ticket_id: int, quantity: int) -> bool | None:
    """Reserve `quantity` of one ticket and commit the transaction at once: True. The
    ticket's row is the one every buyer of the event updates; committed in the same round
    trip as the update, its lock is held by PostgreSQL alone, never while the server is
    busy with other requests. Nothing may be written after it (the session's own commit
    then finds nothing to do). False: not enough left (nothing taken, the transaction goes
    on); None: not PostgreSQL (take with `take_tickets`)."""
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return None
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    sql = _TAKE_AND_COMMIT.format(ticket=int(ticket_id), quantity=int(quantity))
    try:
        await raw.execute(sql)
    except Exception as error:  # asyncpg's, by its SQLSTATE (the driver is imported lazily)
        if getattr(error, "sqlstate", None) != _DIVISION_BY_ZERO:
            raise
        await raw.execute("ROLLBACK TO SAVEPOINT hallway_take")
        return False
    return True


async def use_code(session: AsyncSession, model: Any, code_id: int, count: int) -> bool:
    """Count `count` more uses of a code; False when that would pass its cap."""
    if count <= 0:
        return True
    stmt = (
        update(model)
        .where(
            model.id == code_id,
            or_(model.tickets_number.is_(None), model.used + count <= model.tickets_number),
        )
        .values(used=model.used + count)
        .execution_options(synchronize_session=False)
    )
    return bool((await session.execute(stmt)).rowcount == 1)  # type: ignore[attr-defined]


async def end_orders(session: AsyncSession, order_ids: Sequence[int]) -> None:
    """Give back what the (just ended) orders held: their tickets and their code uses."""
    if not order_ids:
        return
    rows = (
        await session.execute(
            select(
                Attendee.ticket_id,
                Attendee.is_discount_applied,
                Attendee.is_access_code_applied,
                Order.discount_code_id,
                Order.access_code_id,
            )
            .join(Order, Order.id == Attendee.order_id)
            .where(Attendee.order_id.in_(order_ids), Attendee.deleted_at.is_(None))
        )
    ).all()
    await _give_back(session, rows)
    await session.execute(
        update(Order)
        .where(Order.id.in_(order_ids))
        .values(quantity=0)
        .execution_options(synchronize_session=False)
    )


async def give_back_attendee(session: AsyncSession, attendee: Attendee, order: Order) -> None:
    """One attendee leaves a live order (deleted by an organizer): its ticket and code use
    go back."""
    row = (
        attendee.ticket_id,
        attendee.is_discount_applied,
        attendee.is_access_code_applied,
        order.discount_code_id,
        order.access_code_id,
    )
    await _give_back(session, [row])
    await session.execute(
        update(Order)
        .where(Order.id == order.id)
        .values(quantity=Order.quantity - 1)
        .execution_options(synchronize_session=False)
    )


async def _give_back(session: AsyncSession, rows: Sequence[Any]) -> None:
    tickets: Counter[int] = Counter()
    discounts: Counter[int] = Counter()
    accesses: Counter[int] = Counter()
    for ticket_id, discounted, unlocked, discount_id, access_id in rows:
        tickets[ticket_id] += 1
        if discounted and discount_id is not None:
            discounts[discount_id] += 1
        if unlocked and access_id is not None:
            accesses[access_id] += 1
    for model, counts, column in (
        (Ticket, tickets, "reserved"),
        (DiscountCode, discounts, "used"),
        (AccessCode, accesses, "used"),
    ):
        for key, count in sorted(counts.items()):
            current = getattr(model, column)
            await session.execute(
                update(model)
                .where(model.id == key)
                .values({column: current - count})
                .execution_options(synchronize_session=False)
            )


async def change_status(session: AsyncSession, order_id: int, seen: str, status: str) -> bool:
    """Move the order from `seen` to `status`; False when someone else changed it first."""
    values = {"_order": order_id, "_seen": seen, "_status": status}
    moved = await (await session.connection()).execute(_MOVE, values)
    return bool(moved.rowcount == 1)


async def expire_overdue(
    session: AsyncSession, *, event_id: int | None = None, now: datetime | None = None
) -> list[int]:
    """End the unpaid orders past their time (of one event, or all): the ids ended here."""
    now = now or datetime.now(UTC)
    where = [Order.status.in_(UNPAID), Order.expires_at.is_not(None), Order.expires_at < now]
    if event_id is not None:
        where.append(Order.event_id == event_id)
    stmt = (
        update(Order)
        .where(and_(*where))
        .values(status="expired", expires_at=None)
        .returning(Order.id)
        .execution_options(synchronize_session=False)
    )
    ended = list((await session.scalars(stmt)).all())
    await end_orders(session, ended)
    return ended
