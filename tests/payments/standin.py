"""A local stand-in of the Stripe HTTP API, served by uvicorn on a free port in the test's
own event loop: the PaymentIntents and Connect OAuth calls Hallway makes, answered as Stripe
answers them, and every call kept for the test to read. Webhook payloads are signed here
with Stripe's scheme (HMAC-SHA256 over `<timestamp>.<payload>`)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

CODES = {"ac_good": "acct_organizer", "ac_other": "acct_other"}
CARD = {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}


@dataclass
class Call:
    method: str
    path: str
    form: dict[str, str]
    account: str | None
    key: str | None
    authorization: str | None


@dataclass
class FakeStripe:
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)  # intent id -> account
    keys: dict[tuple[str | None, str], str] = field(default_factory=dict)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    url: str = ""

    def succeed(self, intent_id: str) -> None:
        intent = self.intents[intent_id]
        intent["status"] = "succeeded"
        intent["latest_charge"] = "ch_" + intent_id[3:]

    def created(self) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path == "/v1/payment_intents"]

    def refund_calls(self) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path == "/v1/refunds"]

    def refunded(self, intent_id: str) -> int:
        return sum(r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent_id)

    def expanded(self, intent_id: str) -> dict[str, Any]:
        intent = dict(self.intents[intent_id])
        if intent["status"] == "succeeded":
            intent["latest_charge"] = {
                "id": intent["latest_charge"],
                "object": "charge",
                "payment_method_details": {"type": "card", "card": CARD},
            }
        return intent


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)


def build(fake: FakeStripe) -> Starlette:
    async def record(request: Request) -> Call:
        form = {k: str(v) for k, v in (await request.form()).items()}
        call = Call(
            request.method,
            request.url.path,
            {**form, **dict(request.query_params)},
            request.headers.get("stripe-account"),
            request.headers.get("idempotency-key"),
            request.headers.get("authorization"),
        )
        fake.calls.append(call)
        return call

    async def create_intent(request: Request) -> JSONResponse:
        call = await record(request)
        if call.authorization != "Bearer sk_test_platform":
            return _error(401, "Invalid API Key provided", "authentication_error")
        known = fake.keys.get((call.account, call.key or ""))
        if call.key and known:
            return JSONResponse(fake.intents[known])
        intent_id = "pi_" + secrets.token_hex(8)
        fake.intents[intent_id] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(call.form["amount"]),
            "currency": call.form["currency"],
            "status": "requires_payment_method",
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(6)}",
            "metadata": {"order_identifier": call.form.get("metadata[order_identifier]")},
            "latest_charge": None,
        }
        fake.accounts[intent_id] = call.account or ""
        if call.key:
            fake.keys[(call.account, call.key)] = intent_id
        return JSONResponse(fake.intents[intent_id])

    async def retrieve_intent(request: Request) -> JSONResponse:
        call = await record(request)
        intent_id = request.path_params["intent"]
        if intent_id not in fake.intents or fake.accounts[intent_id] != call.account:
            return _error(404, f"No such payment_intent: '{intent_id}'")
        return JSONResponse(fake.expanded(intent_id))

    async def create_refund(request: Request) -> JSONResponse:
        call = await record(request)
        known = fake.keys.get((call.account, call.key or ""))
        if call.key and known:
            return JSONResponse(fake.refunds[known])
        intent_id = call.form.get("payment_intent", "")
        intent = fake.intents.get(intent_id)
        if intent is None or fake.accounts[intent_id] != call.account:
            return _error(404, f"No such payment_intent: '{intent_id}'")
        amount = int(call.form["amount"])
        if intent["status"] != "succeeded" or fake.refunded(intent_id) + amount > intent["amount"]:
            return _error(400, "Refund amount is greater than the unrefunded amount")
        refund_id = "re_" + secrets.token_hex(8)
        fake.refunds[refund_id] = {
            "id": refund_id,
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "payment_intent": intent_id,
            "status": "succeeded",
        }
        if call.key:
            fake.keys[(call.account, call.key)] = refund_id
        return JSONResponse(fake.refunds[refund_id])

    async def oauth_token(request: Request) -> JSONResponse:
        call = await record(request)
        account = CODES.get(call.form.get("code", ""))
        if account is None or call.form.get("grant_type") != "authorization_code":
            body = {"error": "invalid_grant", "error_description": "Authorization code expired"}
            return JSONResponse(body, status_code=400)
        return JSONResponse(
            {
                "access_token": "sk_test_connected_secret",
                "refresh_token": "rt_connected_secret",
                "stripe_user_id": account,
                "stripe_publishable_key": f"pk_test_{account}",
                "token_type": "bearer",
                "scope": "read_write",
                "livemode": False,
            }
        )

    return Starlette(
        routes=[
            Route("/v1/payment_intents", create_intent, methods=["POST"]),
            Route("/v1/payment_intents/{intent}", retrieve_intent, methods=["GET"]),
            Route("/v1/refunds", create_refund, methods=["POST"]),
            Route("/oauth/token", oauth_token, methods=["POST"]),
        ]
    )


@asynccontextmanager
async def fake_stripe() -> AsyncIterator[FakeStripe]:
    fake = FakeStripe()
    config = uvicorn.Config(
        build(fake), host="127.0.0.1", port=0, lifespan="off", log_level="warning"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        fake.url = f"http://127.0.0.1:{port}"
        yield fake
    finally:
        server.should_exit = True
        await task


def signed(payload: dict[str, Any], secret: str, at: int | None = None) -> tuple[bytes, str]:
    """The body and the `Stripe-Signature` header Stripe would send."""
    body = orjson.dumps(payload)
    stamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={stamp},v1={digest}"


def succeeded_event(intent: dict[str, Any], account: str) -> dict[str, Any]:
    return {
        "id": "evt_" + secrets.token_hex(8),
        "object": "event",
        "type": "payment_intent.succeeded",
        "account": account,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": {**intent, "status": "succeeded"}},
    }
