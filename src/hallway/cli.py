"""The `hallway` command."""

from __future__ import annotations

import sys

if __name__ == "__main__":  # `python -m hallway.cli`: `run` starts before typer is imported
    from hallway.launch import main

    sys.exit(main())

import json
from pathlib import Path
from typing import Any

import typer

from hallway.config import Settings, get_settings

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
    from hallway import migrate  # each command imports what it needs: --help stays fast

    migrate.upgrade(settings.database_url)


def _seed_demo(origin: str) -> None:
    """Load the demo data into an empty database. Its admin's generated password is shown on
    a terminal only: an output that is not one may be a log, which must never hold a password."""
    import asyncio

    from hallway.demo import seed_if_empty  # imports the whole application

    seeded = asyncio.run(seed_if_empty(get_settings(), origin))
    if seeded is None:
        return
    typer.echo(f"Demo data loaded: {seeded.events} published events.")
    if sys.stdout.isatty():
        typer.echo(f"Super admin: {seeded.admin_email}  password: {seeded.admin_password}")
    else:
        typer.echo(
            f"Super admin: {seeded.admin_email} (its password is shown only on a terminal;"
            f" set one with `hallway createsuperuser --email {seeded.admin_email}`)"
        )


def _seeds_demo_on_run(settings: Settings) -> bool:
    """`run` loads the demo data only for the embedded default: SQLite outside production.
    Elsewhere the first admin comes from `hallway createsuperuser`, demo data from
    `hallway demo`."""
    return settings.environment != "production" and settings.is_sqlite


def _prepare_and_seed(settings: Settings) -> None:
    from hallway.uploads.options import WILDCARD_HOSTS, public_origin  # imports the models

    _prepare_database()
    origin = public_origin(settings)
    if _seeds_demo_on_run(settings):
        _seed_demo(origin)
    if not settings.public_url and settings.host in WILDCARD_HOSTS:
        typer.echo(f"PUBLIC_URL is not set: uploaded files' URLs will start with {origin}")


@app.command("prepare", hidden=True)
def prepare(
    report: Path = typer.Option(None, help="Write here what the server needs (JSON)."),
) -> None:
    """What `run` does before serving, in a child process: check the settings and the
    address, migrate, load the demo data where `run` does, and report the values the
    server reads (`hallway.launch`)."""
    from hallway.supervision import AddressInUse, check_address

    settings = get_settings()
    settings.resolved_secret_key()
    try:
        check_address(settings.host, settings.port)
    except AddressInUse as exc:
        typer.echo(f"error: {exc}; nothing was started", err=True)
        raise typer.Exit(1) from None
    _prepare_and_seed(settings)
    if report is not None:
        report.write_text(json.dumps(_report(settings)))


def _report(settings: Settings) -> dict[str, Any]:
    from hallway.logsetup import json_lines

    return {
        "host": settings.host,
        "port": settings.port,
        "json_logs": json_lines(settings.log_format, settings.environment),
        "log_level": settings.log_level,
        "metrics_dir": str(settings.metrics_dir) if settings.metrics_dir else None,
    }


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
    from hallway.launch import serve  # `hallway run` itself starts there, before typer

    status = serve(host, port, workers)
    if status:
        raise typer.Exit(status)


@app.command()
def worker(
    beat: bool = typer.Option(
        False, help="Also run the periodic schedule (one worker per deployment)."
    ),
    pool: str = typer.Option("prefork", help="Celery pool: prefork, threads or solo."),
    concurrency: int = typer.Option(0, help="Processes or threads (default: one per core)."),
) -> None:
    """Run background jobs from Redis (needs REDIS_URL)."""
    settings = get_settings()
    if not settings.redis_url:
        typer.echo(
            "error: REDIS_URL is not set; without it `hallway run` runs jobs in-process", err=True
        )
        raise typer.Exit(2)
    from hallway.jobs.distributed import run_worker  # Celery only for `worker`
    from hallway.supervision import children_die_with_this_process

    # The pool's processes and the embedded beat end with this process, even on SIGKILL.
    children_die_with_this_process()
    run_worker(settings, beat=beat, pool=pool, concurrency=concurrency)


@app.command("settings")
def settings_command(
    readme: Path = typer.Option(None, help="Rewrite the settings table of this README."),
) -> None:
    """Print every setting (environment variable), its default and meaning, as Markdown."""
    from hallway.settingsdoc import settings_table, write_readme

    if readme is None:
        typer.echo(settings_table())
    else:
        typer.echo(f"{readme}: " + ("updated" if write_readme(readme) else "already current"))


@app.command()
def demo() -> None:
    """Migrate, then load the demo data (events, groups, pages, an admin) into an empty
    database. `run` does it by itself only for the embedded default (SQLite, not production)."""
    from hallway.uploads.options import public_origin

    _prepare_database()
    _seed_demo(public_origin(get_settings()))


@app.command()
def createsuperuser(
    email: str = typer.Option(
        None, envvar="HALLWAY_SUPERUSER_EMAIL", help="E-mail address (asked for when missing)."
    ),
    password: str = typer.Option(
        None,
        envvar="HALLWAY_SUPERUSER_PASSWORD",
        help="Password (asked for when missing; the variable keeps it out of the process list).",
    ),
) -> None:
    """Create a verified super admin, or promote an existing account."""
    import asyncio

    from hallway.users.service import ensure_super_admin  # imports the models

    email = email or typer.prompt("E-mail")
    password = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    _prepare_database()
    try:
        created = asyncio.run(ensure_super_admin(get_settings().database_url, email, password))
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(("created" if created else "promoted") + f" super admin {email}")


def _with_bar(label: str, work: Any) -> Any:
    """Run `work(progress)` (a coroutine function) under a progress bar in percent."""
    import asyncio

    with typer.progressbar(length=100, label=label) as bar:
        shown = 0

        async def progress(percent: int) -> None:
            nonlocal shown
            bar.update(max(percent - shown, 0))
            shown = max(shown, percent)

        return asyncio.run(work(progress))


@app.command("export")
def export_command(
    event: str = typer.Argument(..., help="The event's id or identifier."),
    output: Path = typer.Option(None, "--output", "-o", help="The zip to write."),
) -> None:
    """Export an event as a zip of JSON files (what `POST /v1/events/{id}/export/json` makes)."""
    from hallway.exports.offline import NotFound, export_event  # imports the models

    _prepare_database()
    url = get_settings().database_url
    try:
        content, name = _with_bar("Exporting", lambda p: export_event(url, event, p))
    except NotFound as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    target = output or Path(name)
    target.write_bytes(content)
    typer.echo(f"wrote {target} ({len(content)} bytes)")


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A zip from export."),
    owner: str = typer.Option(..., "--owner", help="E-mail address of the new draft's owner."),
) -> None:
    """Import an exported event as a new draft of OWNER, in one transaction (its media, if
    the export has them, stored like uploads)."""
    from hallway.exports.offline import ImportProblem, NotFound, import_event
    from hallway.uploads.options import UploadOptions

    _prepare_database()
    settings = get_settings()
    url, options, data = (
        settings.database_url,
        UploadOptions.from_settings(settings),
        file.read_bytes(),
    )
    try:
        event_id, identifier = _with_bar(
            "Importing", lambda p: import_event(url, data, owner, p, options)
        )
    except (ImportProblem, NotFound) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"imported event {event_id} ({identifier}) as a draft")
