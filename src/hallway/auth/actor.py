"""Who is calling: the caller of a request, as policies and services see it."""

from __future__ import annotations

from dataclasses import dataclass

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
