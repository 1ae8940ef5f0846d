"""Seeding through the public API, so tests exercise the same path a client does."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.jsonapi.conftest import as_user, doc


async def make_author(
    client: AsyncClient, name: str = "Ann", *, owner: int = 1, **attrs: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/authors", json=doc("author", {"name": name, **attrs}), headers=as_user(owner)
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def make_book(
    client: AsyncClient,
    author_id: str,
    title: str,
    *,
    owner: int = 1,
    tags: list[str] = (),
    **attrs: Any,
) -> dict[str, Any]:  # type: ignore[assignment]
    relationships: dict[str, Any] = {"author": {"data": {"type": "author", "id": author_id}}}
    if tags:
        relationships["tags"] = {"data": [{"type": "tag", "id": t} for t in tags]}
    response = await client.post(
        "/v1/books",
        json=doc("book", {"title": title, **attrs}, relationships=relationships),
        headers=as_user(owner),
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def make_tag(client: AsyncClient, name: str) -> dict[str, Any]:
    response = await client.post(
        "/v1/tags", json=doc("tag", {"name": name}), headers=as_user(99, admin=True)
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]
