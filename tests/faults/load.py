"""Traffic for the fault scenarios: an admin's token, event writes and reads, and a tally of
what the server answered."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.faults.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.faults.services import hallway_command

JSONAPI = "application/vnd.api+json"


def create_admin(env: dict[str, str], workdir: Any) -> None:
    """`hallway createsuperuser`, as an operator makes the first admin (idempotent)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter
        hallway_command("createsuperuser"),
        env=env, cwd=workdir, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


async def login(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post(
        "/auth/session", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )


async def admin_headers(client: httpx.AsyncClient) -> dict[str, str]:
    response = await login(client)
    assert response.status_code == 200, response.text
    return {"Authorization": f"JWT {response.json()['access_token']}", "Content-Type": JSONAPI}


def event_body(name: str) -> dict[str, Any]:
    attributes = {
        "name": name,
        "starts-at": "2031-06-01T09:00:00+02:00",
        "ends-at": "2031-06-03T18:00:00+02:00",
        "timezone": "Europe/Berlin",
    }
    return {"data": {"type": "event", "attributes": attributes}}


@dataclass
class Tally:
    """Statuses answered (0: no answer: refused, reset or timed out), and the 5xx seen."""

    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)
    slowest: float = 0.0
    slowest_request: str = ""

    def record(self, response: httpx.Response | None) -> None:
        if response is None:
            self.statuses[0] += 1
            return
        self.statuses[response.status_code] += 1
        if response.elapsed.total_seconds() > self.slowest:
            self.slowest = response.elapsed.total_seconds()
            self.slowest_request = f"{response.request.method} {response.request.url.path}"
        if response.status_code >= 500:
            self.server_errors.append(
                (response.status_code, response.text[:300], dict(response.headers))
            )

    @property
    def five_hundreds(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> str:
        counts = ", ".join(
            f"{status or 'no answer'}: {n}" for status, n in sorted(self.statuses.items())
        )
        return f"{counts} (slowest {self.slowest:.2f} s: {self.slowest_request})"


async def send(
    client: httpx.AsyncClient, method: str, path: str, **kwargs: Any
) -> httpx.Response | None:
    try:
        return await client.request(method, path, **kwargs)
    except httpx.TransportError:
        return None


class Clock:
    def __init__(self) -> None:
        self.started = time.monotonic()

    def seconds(self) -> float:
        return time.monotonic() - self.started
