"""`hallway export EVENT` and `hallway import FILE --owner EMAIL` against a database: the zip
the API makes, and a new draft from it; a broken zip or an unknown owner changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path


def _hallway(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "SECRET_KEY": "x"}
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "hallway.cli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_export_then_import_from_the_command_line(tmp_path):
    seeded = _hallway(tmp_path, "demo")
    assert seeded.returncode == 0, seeded.stderr
    made = _hallway(
        tmp_path, "createsuperuser", "--email", "root@example.com", "--password", "pw-123456"
    )
    assert made.returncode == 0, made.stderr

    exported = _hallway(tmp_path, "export", "1", "--output", "one.zip")
    assert exported.returncode == 0, exported.stderr
    assert "wrote one.zip" in exported.stdout
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert "event.json" in archive.namelist() and "sessions.json" in archive.namelist()

    imported = _hallway(tmp_path, "import", "one.zip", "--owner", "root@example.com")
    assert imported.returncode == 0, imported.stderr
    assert "as a draft" in imported.stdout

    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    refused = _hallway(tmp_path, "import", "bad.zip", "--owner", "root@example.com")
    assert refused.returncode == 2 and "not a zip" in refused.stderr
    nobody = _hallway(tmp_path, "import", "one.zip", "--owner", "nobody@example.com")
    assert nobody.returncode == 2 and "no user" in nobody.stderr
    missing = _hallway(tmp_path, "export", "nope")
    assert missing.returncode == 2 and "no event" in missing.stderr
