"""What a setup hook works with (`Scene`: accounts, events, taxonomy made through the API) and
what it hands back (`Plan`: real ids, a token, and any deliberate difference to expect)."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from hallway.db import Database
from tests.appfixtures import PASSWORD, jwt, login, make_user
from tests.contract.blueprint import Transaction

_serial = itertools.count(1)


@dataclass
class Account:
    id: str
    email: str
    token: str


@dataclass
class Plan:
    """How to replay one documented request here, and what to expect back."""

    token: str | None = None  # sent as `Authorization: JWT <token>` when set
    params: dict[str, str] = field(default_factory=dict)  # URI template parameters
    ids: dict[str, str] = field(default_factory=dict)  # JSON:API type -> real id, for the body
    fields: dict[str, Any] = field(default_factory=dict)  # body values to replace
    headers: dict[str, str] = field(default_factory=dict)  # header values to replace
    files: dict[str, tuple[str, bytes, str]] | None = None  # a multipart body instead
    # A deliberate difference from Open Event: the status and/or body (shape) Hallway answers
    # instead of the documented ones; say why in `note`.
    status: int | None = None
    body: Any = None
    # Added to a failure's reason: why an expectation differs, or what is known to be wrong
    # with the documented example.
    note: str = ""
    # A documented example whose `data.type` is wrong: the type it should have said.
    corrected_type: str | None = None
    # A documented create that sends an `id`: Hallway refuses client-generated ids (403), as
    # JSON:API lets a server do, so the request goes without it.
    drop_id: bool = False
    # The request body the Blueprint documents, when its example cannot be read (a body not
    # indented under its `+ Body` marker); say so in `note`.
    sent: Any = None
    # The URL to call instead of a documented one that names literal ids (`/v1/users/1/…`),
    # which are not the ids of the rows this run makes.
    url: str | None = None


Setup = Callable[["Scene"], Awaitable[Plan]]


@dataclass
class Hook:
    setup: Setup | None = None
    requires: tuple[str, ...] = ()  # JSON:API types the action needs Hallway to have
    skip: str = ""  # why the action cannot be replayed at all


HOOKS: dict[str, Hook] = {}


def hook(action_id: str, *, requires: tuple[str, ...] = ()) -> Callable[[Setup], Setup]:
    def register(setup: Setup) -> Setup:
        if action_id in HOOKS:
            raise ValueError(f"two hooks for {action_id!r}")
        HOOKS[action_id] = Hook(setup=setup, requires=requires)
        return setup

    return register


def unique_email(stem: str = "user") -> str:
    return f"{stem}-{next(_serial)}@example.com"


class Scene:
    """The running app plus helpers that make data through its own API, as a client would."""

    def __init__(self, client: AsyncClient, db: Database, app: FastAPI) -> None:
        self.client, self.db, self.app = client, db, app

    async def account(
        self, email: str | None = None, *, password: str = PASSWORD, **flags: Any
    ) -> Account:
        email = email or unique_email("admin" if flags.get("is_admin") else "user")
        user = await make_user(self.db, email, password=password, **flags)
        return Account(str(user.id), email, await login(self.client, email, password))

    async def admin(self) -> Account:
        return await self.account(is_admin=True)

    async def create(
        self,
        token: str,
        path: str,
        type_: str,
        relationships: dict[str, tuple[str, str]] | None = None,
        **attributes: Any,
    ) -> dict[str, Any]:
        """POST a resource and return its `data`; relationships are {name: (type, id)}."""
        data: dict[str, Any] = {"type": type_, "attributes": attributes}
        if relationships:
            data["relationships"] = {
                name: {"data": {"type": t, "id": i}} for name, (t, i) in relationships.items()
            }
        response = await self.client.post(path, json={"data": data}, headers=jwt(token))
        assert response.status_code == 201, f"setup: POST {path}: {response.text[:300]}"
        return response.json()["data"]  # type: ignore[no-any-return]

    async def event(
        self, owner: Account, *, published: bool = True, **links: str
    ) -> dict[str, Any]:
        """An upcoming event of `owner`; `links` name its type, topic or sub-topic ids."""
        kinds = {"event_type": "event-type", "event_topic": "event-topic"}
        relationships = {
            name.replace("_", "-"): (kinds.get(name, "event-sub-topic"), id_)
            for name, id_ in links.items()
        }
        return await self.create(
            owner.token,
            "/v1/events",
            "event",
            relationships,
            **{
                "name": f"Conference {next(_serial)}",
                "starts-at": "2099-06-01T09:00:00+00:00",
                "ends-at": "2099-06-03T18:00:00+00:00",
                "timezone": "UTC",
                "state": "published" if published else "draft",
                "original-image-url": "https://example.com/banner.png",
                "logo-url": "https://example.com/logo.png",
            },
        )

    async def topic(self, admin: Account) -> dict[str, Any]:
        return await self.create(
            admin.token, "/v1/event-topics", "event-topic", name=f"Outdoors {next(_serial)}"
        )

    async def taxonomy(self, admin: Account) -> dict[str, str]:
        """An event type, a topic and a sub-topic of it: {"type": id, "topic": id, "sub": id}."""
        n = next(_serial)
        kind = await self.create(admin.token, "/v1/event-types", "event-type", name=f"Camp {n}")
        topic = await self.topic(admin)
        sub = await self.create(
            admin.token,
            "/v1/event-sub-topics",
            "event-sub-topic",
            {"event-topic": ("event-topic", topic["id"])},
            name=f"Climbing {n}",
        )
        return {"type": kind["id"], "topic": topic["id"], "sub": sub["id"]}

    async def classified_event(self, owner: Account) -> tuple[dict[str, Any], dict[str, str]]:
        """A published event with a type, a topic and a sub-topic."""
        ids = await self.taxonomy(await self.admin())
        event = await self.event(
            owner, event_type=ids["type"], event_topic=ids["topic"], event_sub_topic=ids["sub"]
        )
        return event, ids

    async def copyright(self, owner: Account) -> tuple[dict[str, Any], dict[str, Any]]:
        event = await self.event(owner)
        made = await self.create(
            owner.token,
            "/v1/event-copyrights",
            "event-copyright",
            {"event": ("event", event["id"])},
            licence="CC-BY-4.0",
            year=2031,
        )
        return event, made


def request_body(transaction: Transaction, plan: Plan) -> Any:
    """The documented JSON body with real ids and the plan's values put in."""
    body = copy.deepcopy(plan.sent if plan.sent is not None else transaction.request.json())
    data = body.get("data") if isinstance(body, dict) else None
    if isinstance(data, dict):
        if plan.drop_id:
            data.pop("id", None)
        if "id" in data and data.get("type") in plan.ids:
            data["id"] = plan.ids[data["type"]]
        for relationship in (data.get("relationships") or {}).values():
            linkage = relationship.get("data") if isinstance(relationship, dict) else None
            for item in linkage if isinstance(linkage, list) else [linkage]:
                if isinstance(item, dict) and item.get("type") in plan.ids:
                    item["id"] = plan.ids[item["type"]]
        if isinstance(data.get("attributes"), dict):
            data["attributes"].update(plan.fields)
            return body
    if plan.fields and isinstance(body, dict):
        body.update(plan.fields)
    return body
