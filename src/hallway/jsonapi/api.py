"""The set of declared resources, and the one place that turns them into a routed API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from hallway.jsonapi.attachments import Attachment
from hallway.jsonapi.driver import Driver
from hallway.jsonapi.resource import DeclarationError, Resource
from hallway.jsonapi.serialize import Serializer
from hallway.jsonapi.statements import Statements

Authenticate = Callable[[Request, AsyncSession], Awaitable[Any]]
SessionFactory = Callable[[], AsyncSession]
# A resource path spans at most this many URL segments (`admin/statistics/events`).
MAX_PATH_SEGMENTS = 3


async def anonymous(request: Request, session: AsyncSession) -> None:
    return None


class JsonApi:
    """Holds resource declarations; `routes` builds the HTTP surface from them."""

    def __init__(
        self,
        *,
        sessions: SessionFactory,
        authenticate: Authenticate = anonymous,
        max_page_size: int = 10_000,
        public_url: str | None = None,
    ) -> None:
        self.sessions = sessions
        self.authenticate = authenticate
        self.max_page_size = max_page_size
        self.public_url = public_url.rstrip("/") if public_url else None
        self.resources: dict[str, Resource] = {}
        self.by_path: dict[str, Resource] = {}
        # The first segments of the paths that span several segments.
        self.deep_heads: set[str] = set()
        self.attachments: list[Attachment] = []
        self.plans: list[Attachment] = []
        self.sealed = False
        self.driver = Driver()
        self._serializers: dict[str, Serializer] = {}
        self._statements: dict[str, Statements] = {}

    def _open(self) -> None:
        if self.sealed:
            raise DeclarationError("the API is sealed: declare everything before it is mounted")

    def register(self, resource: Resource) -> Resource:
        self._open()
        if resource.type in self.resources:
            raise DeclarationError(f"resource type {resource.type!r} is declared twice")
        if resource.path in self.by_path:
            raise DeclarationError(f"path {resource.path!r} is declared twice")
        if resource.path.count("/") >= MAX_PATH_SEGMENTS:
            raise DeclarationError(f"path {resource.path!r} has too many segments")
        self.resources[resource.type] = resource
        self.by_path[resource.path] = resource
        if "/" in resource.path:
            self.deep_heads.add(resource.path.split("/", 1)[0])
        return resource

    def locate(self, segments: list[str]) -> tuple[Resource | None, list[str]]:
        """The resource a URL's segments address, and the segments with its path as the
        first one: a path may span several segments (`admin/sales/by-events`), the longest
        declared path wins."""
        if segments[0] in self.deep_heads:
            for size in range(min(len(segments), MAX_PATH_SEGMENTS), 1, -1):
                path = "/".join(segments[:size])
                found = self.by_path.get(path)
                if found is not None:
                    return found, [path, *segments[size:]]
        return self.by_path.get(segments[0]), segments

    def attach(self, *attachments: Attachment) -> None:
        """What domains add to other domains' resources (see attachments.py)."""
        self._open()
        self.attachments.extend(attachments)

    def plan(self, *plans: Attachment) -> None:
        """Relationships of the wire contract whose domain is not built yet."""
        self._open()
        self.plans.extend(plans)

    def seal(self) -> None:
        """Apply the attachments, then the plans; compile serializers and statements; check
        every relationship. Nothing can be declared afterwards."""
        if self.sealed:
            return
        for attachment in self.attachments:
            self.resource(attachment.target).extend(attachment)
        for plan in self.plans:
            self._apply_plan(plan)
        client_keyed = frozenset(r.type for r in self.resources.values() if r.client_key)
        for resource in self.resources.values():
            resource.finish()
            self._serializers[resource.type] = Serializer(resource, client_keyed)
            self._statements[resource.type] = Statements(resource, self.driver)
        self.check()
        self.sealed = True

    def _apply_plan(self, plan: Attachment) -> None:
        resource = self.resource(plan.target)
        for name, rel in plan.relationships.items():
            if name in resource.relationships:
                raise DeclarationError(
                    f"{plan.target}.{name} is attached by its domain now: take it out of the plan"
                )
            if rel.awaits in self.resources:
                raise DeclarationError(
                    f"{plan.target}.{name}: {rel.awaits} is declared now; attach the "
                    "relationship from its domain (relate) instead of planning it"
                )
        resource.extend(plan)

    def resource(self, type_: str) -> Resource:
        try:
            return self.resources[type_]
        except KeyError:
            raise DeclarationError(f"no resource of type {type_!r} is declared") from None

    def serializer(self, resource: Resource) -> Serializer:
        return self._serializers[resource.type]

    def statements(self, resource: Resource) -> Statements:
        return self._statements[resource.type]

    def visible_rows(self, resource: Resource) -> tuple[ColumnElement[bool], ...]:
        """Rows every caller sees by default: soft-deleted ones are hidden."""
        return self._statements[resource.type].visible

    def check(self) -> None:
        """Every relationship must point at a declared resource of the related model."""
        for resource in self.resources.values():
            for rel in resource.relations.values():
                if rel.planned:
                    if rel.awaits in self.resources:
                        raise DeclarationError(
                            f"{resource.type}.{rel.name}: {rel.awaits} is declared now; "
                            "attach the relationship from its domain instead of planning it"
                        )
                    continue
                target = self.resource(rel.type)
                if rel.prop.mapper.class_ is not target.model:
                    raise DeclarationError(
                        f"{resource.type}.{rel.name} points at {target.type}, "
                        "whose model is not the related model"
                    )

    def absolute(self, request: Request, path: str) -> str:
        base = self.public_url or str(request.base_url).rstrip("/")
        return base + path
