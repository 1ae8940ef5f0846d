"""HTTP clients that reach the app from a given address, as a server sees its peers."""

from __future__ import annotations

from typing import Any

from httpx import ASGITransport, AsyncClient


def client_at(app: Any, address: str, **headers: str) -> AsyncClient:
    """A client whose connections come from `address` (the ASGI `client` of each request)."""
    transport = ASGITransport(app=app, raise_app_exceptions=False, client=(address, 40000))
    return AsyncClient(transport=transport, base_url="http://testserver", headers=headers)
