"""What the ticket rush could reach on this machine with nothing but the work itself: the
three requests of bench/rush.mjs served by a bare ASGI app on asyncpg, with no framework, no
ORM and no document engine. It is a measuring stick for `run_rush.sh`, not a server: it
checks only what the rush needs (the token, the caller, the stock, the buyer's own order).

CEILING_MODE=steps: each request is a transaction of the fewest round trips Hallway's design
allows (BEGIN, the caller, the cart's ticket, the order with its attendee and activity row in
one statement, then the stock taken and committed at once; a PATCH: BEGIN, the caller, the
change with its activity row, COMMIT). CEILING_MODE=one: each request is one statement, the
caller's check inside it (its PATCHes' activity rows name the caller by id alone). Run by
bench/run_rush_ceiling.sh."""

from __future__ import annotations

import os
import secrets
from typing import Any

import asyncpg
import orjson

from hallway.auth.tokens import read

SECRET = os.environ["SECRET_KEY"]
DSN = os.environ["CEILING_DSN"]
ONE = os.environ.get("CEILING_MODE") == "one"
CALLER = "SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL AND NOT is_blocked"
TICKET = "SELECT event_id, quantity - reserved FROM tickets WHERE id = $1 AND deleted_at IS NULL"
# Parameters of both create-order statements: $1 the order's identifier, $2 the buyer, $3
# the attendee's identifier, $4 the ticket; `steps` adds $5 the event, $6 the buyer's address.
# Both end the same: the blank attendee and the activity row, from the order `o` and the
# caller `c`.
ATTENDEE_AND_ACTIVITY = """a AS (INSERT INTO attendees (identifier, is_consent_of_refund_policy,
 is_consent_form_field, is_consent_form_field_photo, is_consent_form_field_email,
 is_checked_in, is_checked_out, is_registered, is_badge_printed, is_discount_applied,
 is_access_code_applied, created_at, ticket_id, order_id, event_id)
 SELECT $3, false, false, false, false, false, false, false, false, false, false, now(), $4,
 o.id, o.event_id FROM o RETURNING *),
act AS (INSERT INTO activities (actor, actor_id, time, verb, object_type, object_id, event_id,
 action) SELECT c.email, $2, now(), 'create', 'order', o.id::text, o.event_id, 'create order'
 FROM o, c)
SELECT row_to_json(o)::text, row_to_json(a)::text FROM o, a"""
MAKE = (
    """WITH c AS (SELECT $6::text AS email),
o AS (INSERT INTO orders (identifier, amount, status, is_billing_enabled, created_at, quantity,
 event_id, user_id, expires_at, refunded_amount)
 VALUES ($1, 0, 'initializing', false, now(), 1, $5, $2, now() + interval '15 minutes', 0)
 RETURNING *),
"""  # noqa: S608 (constants only)
    + ATTENDEE_AND_ACTIVITY
)
# The same in one statement: the caller checked inside, the stock taken first.
MAKE_ONE = (
    """WITH c AS (SELECT email FROM users WHERE id = $2 AND deleted_at IS NULL
 AND NOT is_blocked),
t AS (UPDATE tickets SET reserved = reserved + 1 WHERE id = $4 AND deleted_at IS NULL
 AND reserved + 1 <= quantity AND EXISTS (SELECT 1 FROM c) RETURNING event_id),
o AS (INSERT INTO orders (identifier, amount, status, is_billing_enabled, created_at, quantity,
 event_id, user_id, expires_at, refunded_amount)
 SELECT $1, 0, 'initializing', false, now(), 1, t.event_id, $2,
 now() + interval '15 minutes', 0 FROM t RETURNING *),
"""  # noqa: S608 (constants only)
    + ATTENDEE_AND_ACTIVITY
)
# A PATCH's caller check, inside its statement (CEILING_MODE=one).
WHO = " AND EXISTS (SELECT 1 FROM users WHERE id = {} AND deleted_at IS NULL AND NOT is_blocked)"
TAKE = (
    "SAVEPOINT take; WITH taken AS (UPDATE tickets SET reserved = reserved + 1 WHERE id = {}"
    " AND deleted_at IS NULL AND reserved + 1 <= quantity RETURNING id)"
    " SELECT 1 / count(*) FROM taken; COMMIT"
)
NAME = """WITH u AS (UPDATE attendees a SET firstname = $2, lastname = $3, email = $4,
 modified_at = now() FROM orders o WHERE a.id = $1 AND o.id = a.order_id AND o.user_id = $5
 AND o.status IN ('initializing', 'pending'){who} RETURNING a.*),
act AS (INSERT INTO activities (actor, actor_id, time, verb, object_type, object_id, event_id,
 action) SELECT $6, $5, now(), 'update', 'attendee', u.id::text, u.event_id, 'update attendee'
 FROM u)
SELECT row_to_json(u)::text FROM u"""
DONE = """WITH u AS (UPDATE orders SET status = 'completed', completed_at = now(),
 expires_at = NULL, payment_mode = 'free' WHERE identifier = $1 AND user_id = $2
 AND status = 'initializing' AND amount = 0{who} AND NOT EXISTS
 (SELECT 1 FROM attendees WHERE order_id = orders.id AND email IS NULL) RETURNING *),
act AS (INSERT INTO activities (actor, actor_id, time, verb, object_type, object_id, event_id,
 action) SELECT $3, $2, now(), 'update', 'order', u.id::text, u.event_id, 'update order' FROM u)
SELECT row_to_json(u)::text FROM u"""
state: dict[str, Any] = {}


async def _body(receive: Any) -> Any:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return orjson.loads(b"".join(chunks))


async def _answer(send: Any, status: int, document: Any) -> None:
    out = orjson.dumps(document)
    headers = [
        (b"content-type", b"application/vnd.api+json"),
        (b"content-length", b"%d" % len(out)),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": out})


def _document(kind: str, row: str, included: str | None = None) -> dict[str, Any]:
    data = orjson.loads(row)
    document: dict[str, Any] = {"data": {"type": kind, "id": str(data["id"]), "attributes": data}}
    if included is not None:
        extra = orjson.loads(included)
        document["included"] = [{"type": "attendee", "id": str(extra["id"]), "attributes": extra}]
    return document


async def _create(c: Any, body: Any, user: int, email: str) -> tuple[int, Any]:
    ticket = int(body["tickets"][0]["id"])
    order, attendee = secrets.token_hex(16), secrets.token_hex(4)
    if ONE:
        row = await c.fetchrow(MAKE_ONE, order, user, attendee, ticket)
        return (409, None) if row is None else (200, _document("order", row[0], row[1]))
    event_id, left = await c.fetchrow(TICKET, ticket)
    if left < 1:
        return 409, None
    row = await c.fetchrow(MAKE, order, user, attendee, ticket, event_id, email)
    try:
        await c.execute(TAKE.format(ticket))
    except asyncpg.exceptions.DivisionByZeroError:
        return 409, None
    return 200, _document("order", row[0], row[1])


async def _patch(c: Any, path: str, body: Any, user: int, email: str) -> tuple[int, Any]:
    key = path.rsplit("/", 1)[1]
    if path.startswith("/v1/attendees/"):
        given = body["data"]["attributes"]
        sql = NAME.format(who=WHO.format("$5") if ONE else "")
        values = (int(key), given["firstname"], given["lastname"], given["email"], user, email)
    else:
        sql = DONE.format(who=WHO.format("$2") if ONE else "")
        values = (key, user, email)
    row = await c.fetchval(sql, *values)
    return (422, None) if row is None else (200, _document("x", row))


async def _serve(c: Any, path: str, body: Any, user: int) -> tuple[int, Any]:
    if ONE:
        if path == "/v1/orders/create-order":
            return await _create(c, body, user, "")
        return await _patch(c, path, body, user, "")
    await c.execute("BEGIN")
    email = await c.fetchval(CALLER, user)
    if email is None:
        await c.execute("ROLLBACK")
        return 401, None
    if path == "/v1/orders/create-order":
        status, document = await _create(c, body, user, email)
        if status != 200:
            await c.execute("ROLLBACK")
        return status, document
    status, document = await _patch(c, path, body, user, email)
    await c.execute("COMMIT" if status == 200 else "ROLLBACK")
    return status, document


async def app(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] == "lifespan.startup":
            state["pool"] = await asyncpg.create_pool(DSN, min_size=16, max_size=16)
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    token = dict(scope["headers"])[b"authorization"].split(b" ", 1)[1].decode()
    user = read(SECRET, token, expected="access").identity
    body = await _body(receive)
    async with state["pool"].acquire() as c:
        status, document = await _serve(c, scope["path"], body, user)
    await _answer(send, status, document or {"errors": [{"status": str(status)}]})
