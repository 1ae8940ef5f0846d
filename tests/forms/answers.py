"""Fields added to an event's forms through the API, for the tests of answers."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.tickets.helpers import body, link


async def add_field(
    client: AsyncClient,
    headers: dict[str, str],
    event_id: Any,
    form: str,
    identifier: str,
    kind: str = "text",
    *,
    options: tuple[str, ...] = (),
    **attributes: Any,
) -> dict[str, Any]:
    """A field asked on `form` (complex unless told otherwise), with its choices."""
    values = {
        "field-identifier": identifier,
        "form": form,
        "type": kind,
        "name": identifier.title(),
        "is-included": True,
        "is-complex": True,
        **{k.replace("_", "-"): v for k, v in attributes.items()},
    }
    made = await client.post(
        "/v1/custom-forms",
        json=body("custom-form", values, event=link("event", event_id)),
        headers=headers,
    )
    assert made.status_code == 201, made.text
    field: dict[str, Any] = made.json()["data"]
    for value in options:
        option = body(
            "custom-form-option", {"value": value}, custom_form=link("custom-form", field["id"])
        )
        answer = await client.post("/v1/custom-form-options", json=option, headers=headers)
        assert answer.status_code == 201, answer.text
    return field


def pointer(response: Any) -> str:
    assert response.status_code == 422, response.text
    return str(response.json()["errors"][0]["source"]["pointer"])
