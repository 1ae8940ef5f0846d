"""Who the client is behind a reverse proxy, trusting only the proxies named in settings.

`X-Forwarded-For` and `X-Forwarded-Proto` are anybody's to write: they are read only when the
connection comes from an address in `TRUSTED_PROXIES` (addresses or networks; empty by
default, so the headers are ignored). The client is then the right-most address of
`X-Forwarded-For` that is not itself a trusted proxy: each proxy appends the address it was
reached from, so everything left of the first untrusted hop may be forged. The rate limits
key on this address; the server's own proxy handling is switched off (`hallway run`), so
these rules are the only ones.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """`127.0.0.1`, `10.0.0.0/8`, `::1`: a ValueError names an entry that is neither."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


class TrustedProxies:
    """Pure ASGI middleware rewriting `client` (and `scheme`) from the forwarding headers of
    trusted proxies; untouched for everyone else."""

    def __init__(self, app: ASGIApp, *, trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = parse_networks(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.trusted and scope["type"] in ("http", "websocket"):
            client = scope.get("client")
            if client and self._is_trusted(client[0]):
                scope = self._forwarded(scope)
        await self.app(scope, receive, send)

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    def _forwarded(self, scope: Scope) -> Scope:
        hops = _header_values(scope, b"x-forwarded-for")
        client = _first_untrusted(hops, self._is_trusted)
        scope = dict(scope)
        if client is not None:
            scope["client"] = (client, 0)
        proto = _header_values(scope, b"x-forwarded-proto")
        if proto and proto[-1].lower() in ("http", "https"):
            scope["scheme"] = proto[-1].lower()
        return scope


def _header_values(scope: Scope, name: bytes) -> list[str]:
    """Every comma-separated value of every `name` header, in order."""
    values: list[str] = []
    for key, value in scope.get("headers", ()):
        if key == name:
            values.extend(v.strip() for v in value.decode("latin-1").split(","))
    return [v for v in values if v]


def _first_untrusted(hops: list[str], trusted: Callable[[str], bool]) -> str | None:
    """Walking from the right: the first hop that is not a trusted proxy; None when a hop is
    not an address (the peer stays the client) or there are no hops."""
    for hop in reversed(hops):
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            return None
        if not trusted(address):
            return address
    return str(ipaddress.ip_address(hops[0])) if hops else None
