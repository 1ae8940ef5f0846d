"""Run Alembic from code: upgrade to head, and compare the models with the live schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from hallway.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(database_url: str, settings: Settings | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    if settings is not None:  # what data migrations seed from (default: the environment's)
        config.attributes["settings"] = settings
    return config


def upgrade(database_url: str, revision: str = "head", *, settings: Settings | None = None) -> None:
    """Apply migrations (blocking: call it outside the event loop or in a thread)."""
    command.upgrade(alembic_config(database_url, settings), revision)


def head_revision(database_url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()


def _state(connection: Connection, metadata: MetaData) -> tuple[str | None, list[Any]]:
    def ours(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
        """Tables the models do not know (another application's) are not compared."""
        return not (kind == "table" and reflected and compare_to is None)

    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_object": ours}
    )
    return context.get_current_revision(), compare_metadata(context, metadata)


async def schema_state(engine: AsyncEngine, metadata: MetaData) -> tuple[str | None, list[Any]]:
    """The applied revision and the differences between `metadata` (the models of every
    domain: `hallway.registry.metadata`) and the database."""
    async with engine.connect() as conn:
        return await conn.run_sync(_state, metadata)
