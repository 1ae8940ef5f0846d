"""Who is calling: the caller of a request, as policies and services see it."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request


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


def secret_of(request: Request) -> str:
    return str(request.app.state.secret_key)
