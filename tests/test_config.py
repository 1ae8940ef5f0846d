"""Settings: URL forms, the secret key, origins."""

from __future__ import annotations

import pytest

from hallway import config
from hallway.config import Settings, normalize_database_url


def test_plain_database_urls_map_to_the_async_drivers():
    assert normalize_database_url("sqlite:///var/x.db") == "sqlite+aiosqlite:///var/x.db"
    assert normalize_database_url("postgresql://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    assert Settings(database_url="postgres://u:p@h/db").database_url.startswith(
        "postgresql+asyncpg://"
    )
    assert Settings(database_url="postgresql+asyncpg://u@h/d").database_url == (
        "postgresql+asyncpg://u@h/d"
    )


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    first = Settings(secret_key=None).resolved_secret_key()
    second = Settings(secret_key=None).resolved_secret_key()

    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Settings(environment="production", secret_key=None).resolved_secret_key()
    assert Settings(environment="production", secret_key="k").resolved_secret_key() == "k"


def test_cors_origins_come_as_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")

    assert Settings().cors_origins == ["https://a.example", "https://b.example"]
