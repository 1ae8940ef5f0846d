"""The set of declared resources, and the one place that turns them into a routed API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from hallway.jsonapi.resource import DeclarationError, Resource
from hallway.jsonapi.serialize import Serializer
from hallway.jsonapi.statements import Statements

Authenticate = Callable[[Request, AsyncSession], Awaitable[Any]]
SessionFactory = Callable[[], AsyncSession]


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
        self._serializers: dict[str, Serializer] = {}
        self._statements: dict[str, Statements] = {}

    def register(self, resource: Resource) -> Resource:
        if resource.type in self.resources:
            raise DeclarationError(f"resource type {resource.type!r} is declared twice")
        if resource.path in self.by_path:
            raise DeclarationError(f"path {resource.path!r} is declared twice")
        self.resources[resource.type] = resource
        self.by_path[resource.path] = resource
        self._serializers[resource.type] = Serializer(resource)
        self._statements[resource.type] = Statements(resource)
        return resource

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
                            "bind the relationship to the model instead of planning it"
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
