"""Who is calling: the caller of a request, as policies and services see it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

# The bound parameter that stands for the caller's id in policy scopes.
CALLER_PARAMETER = "_caller"


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    email: str
    is_verified: bool
    is_admin: bool
    is_super_admin: bool
    is_sales_admin: bool
    is_marketer: bool
    fresh: bool
    session: str = ""
    """The login the caller's token came from (see `tokens.Claims.session`)."""
    extras: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Values other domains asked to read with the caller's row, by the name they gave
    (users/authentication.py `read_with_caller`); a name is missing when it was not read."""

    @property
    def is_staff(self) -> bool:
        return self.is_admin or self.is_super_admin

    @property
    def scope_parameters(self) -> dict[str, int]:
        """The values of the parameters the policy scopes leave open (auth/policy.py
        `CALLER`), given with every read of the caller's requests."""
        return {CALLER_PARAMETER: self.id}


def secret_of(request: Request) -> str:
    return str(request.app.state.secret_key)
