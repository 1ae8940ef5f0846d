"""Imports every domain once: its models (for Alembic), its resources and its custom routes."""

from __future__ import annotations

from fastapi import FastAPI

from hallway.db import Base
from hallway.jsonapi import JsonApi

metadata = Base.metadata


def register_all(app: FastAPI, api: JsonApi) -> None:
    """Custom routes first (they win over the engine's catch-all), then resources."""
    from hallway import system

    app.include_router(system.router)
