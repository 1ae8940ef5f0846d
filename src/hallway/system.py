"""Service endpoints outside the JSON:API surface."""

from __future__ import annotations

from fastapi import APIRouter

from hallway import __version__

router = APIRouter()


@router.get("/info", tags=["system"])
async def info() -> dict[str, str]:
    return {"build": __version__, "name": "hallway"}
