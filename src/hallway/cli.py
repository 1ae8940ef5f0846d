"""The `hallway` command."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from hallway.config import get_settings

app = typer.Typer(
    help="Hallway: an event-management server speaking the Open Event v1 API.",
    no_args_is_help=True,
    add_completion=False,
)


def _prepare_database() -> None:
    settings = get_settings()
    if settings.is_sqlite:
        path = settings.database_url.split(":///", 1)[-1]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    from hallway import migrate

    migrate.upgrade(settings.database_url)


@app.command()
def migrate() -> None:
    """Apply database migrations up to the newest one."""
    _prepare_database()
    typer.echo("database is at the newest migration")


@app.command()
def run(
    host: str = typer.Option(None, help="Interface to bind (default: HOST or 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default: PORT or 8000)."),
    workers: int = typer.Option(1, help="Worker processes (one per core in production)."),
) -> None:
    """Migrate, then serve the API."""
    import uvicorn

    settings = get_settings()
    settings.resolved_secret_key()
    _prepare_database()
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"Hallway is serving on http://{host}:{port}  (API under /v1, docs at /docs)")
    logging.basicConfig(level=logging.INFO)
    uvicorn.run(
        "hallway.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    app()
