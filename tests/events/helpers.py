"""Making events through the API, as the wizard does."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.appfixtures import jwt


def event_body(name: str = "PyCon", **attributes: Any) -> dict[str, Any]:
    return {
        "data": {
            "type": "event",
            "attributes": {
                "name": name,
                "starts-at": "2031-06-01T09:00:00+02:00",
                "ends-at": "2031-06-03T18:00:00+02:00",
                "timezone": "Europe/Berlin",
                **attributes,
            },
        }
    }


async def create_event(
    client: AsyncClient, token: str, name: str = "PyCon", **attributes: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/events", json=event_body(name, **attributes), headers=jwt(token)
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


def patch_body(event: dict[str, Any], **attributes: Any) -> dict[str, Any]:
    return {"data": {"type": "event", "id": event["id"], "attributes": attributes}}
