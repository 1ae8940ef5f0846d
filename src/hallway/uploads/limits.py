"""Upload rate limits: files per account and per client address, per minute and per hour
(`UploadLimits`), counted by the shared limiter (Redis when REDIS_URL is set)."""

from __future__ import annotations

from starlette.requests import Request

from hallway.auth.ratelimit import client_ip, enforce
from hallway.uploads.options import UploadLimits

MINUTE, HOUR = 60, 3600


async def count_uploads(
    request: Request, account_id: int, limits: UploadLimits, files: int
) -> None:
    """Count `files` uploads by the account and the address; 429 with Retry-After past a
    limit. The first file is counted before the body is read, the others once it is."""
    address = client_ip(request)
    for _ in range(files):
        await enforce(request, f"upload:account:{account_id}", limits.account_per_minute, MINUTE)
        await enforce(request, f"upload-h:account:{account_id}", limits.account_per_hour, HOUR)
        await enforce(request, f"upload:ip:{address}", limits.address_per_minute, MINUTE)
        await enforce(request, f"upload-h:ip:{address}", limits.address_per_hour, HOUR)
