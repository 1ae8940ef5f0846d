"""Naming, variants and the options read from Settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.config import Settings
from hallway.images import ImageBudget, PoolOptions
from hallway.uploads import (
    LocalStorage,
    S3Options,
    UploadLimits,
    UploadOptions,
    Uploads,
    variants_for,
)
from hallway.uploads.names import image_keys, safe_stem
from hallway.uploads.s3 import S3Storage

NAME = "0123456789abcdef0123456789abcdef"


def test_variants_for_an_uploaded_image_url() -> None:
    url = f"https://h.test:8443/static/media/images/01/{NAME}.png"

    assert variants_for(url) == {
        "original": url,
        "large": f"https://h.test:8443/static/media/images/01/{NAME}_large.png",
        "thumbnail": f"https://h.test:8443/static/media/images/01/{NAME}_thumbnail.png",
        "icon": f"https://h.test:8443/static/media/images/01/{NAME}_icon.png",
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.test/logo.png",
        f"/static/media/images/01/{NAME}.svg",
        f"/static/media/images/01/{NAME}_large.png",
        f"/static/media/files/{NAME}/report.pdf",
    ],
)
def test_variants_for_any_other_url_is_none(url: str) -> None:
    assert variants_for(url) is None


def test_image_keys_match_variants_for() -> None:
    keys = image_keys(NAME, "jpg")

    assert keys["original"] == f"images/01/{NAME}.jpg"
    assert variants_for("/" + keys["original"]) == {k: "/" + v for k, v in keys.items()}


@pytest.mark.parametrize(
    ("filename", "stem"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot"),
        ("Résumé final (2).pdf", "Resume-final-2"),
        (".bashrc", "bashrc"),
        ("..", "file"),
        ("", "file"),
        ("x" * 300 + ".txt", "x" * 80),
    ],
)
def test_safe_stem(filename: str, stem: str) -> None:
    assert safe_stem(filename) == stem


def test_local_storage_refuses_keys_outside_its_root(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)

    with pytest.raises(ValueError, match="escapes"):
        storage.path_of("../outside.txt")
    assert storage.path_of("files/a/b.pdf") == tmp_path.resolve() / "files/a/b.pdf"


def test_defaults_without_upload_settings() -> None:
    options = UploadOptions.from_settings(Settings(public_url="https://e.test"))

    assert options == UploadOptions(public_url="https://e.test")
    assert (options.max_bytes, options.media_root) == (10 * 1024 * 1024, Path("var/media"))
    assert Uploads.build(options).remote is None


class WiredSettings(Settings):
    """Settings with every upload field set."""

    upload_dir: Path = Path("/srv/media")
    upload_max_bytes: int = 5_000_000
    upload_max_files: int = 4
    upload_max_pixels: int = 1_000_000
    upload_max_frames: int = 50
    upload_max_animation_pixels: int = 2_000_000
    upload_workers: int = 1
    upload_queue: int = 3
    upload_worker_tasks: int = 7
    upload_worker_timeout: float = 4.5
    upload_worker_memory_mb: int = 512
    upload_limit_per_minute: int = 5
    upload_limit_per_hour: int = 50
    upload_address_limit_per_minute: int = 15
    upload_address_limit_per_hour: int = 150
    public_url: str | None = "https://events.example.org/"
    s3_bucket: str | None = "media"
    s3_region: str | None = "eu-central-1"
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = "key"
    s3_secret_access_key: str | None = "secret"
    s3_public_url: str | None = None


def test_options_follow_the_upload_settings() -> None:
    options = UploadOptions.from_settings(WiredSettings())

    assert options == UploadOptions(
        media_root=Path("/srv/media"),
        max_bytes=5_000_000,
        max_files=4,
        budget=ImageBudget(max_pixels=1_000_000, max_frames=50, max_animation_pixels=2_000_000),
        public_url="https://events.example.org",
        s3=S3Options("media", "eu-central-1", None, "key", "secret", None),
        workers=PoolOptions(workers=1, tasks_per_worker=7, timeout=4.5, memory_mb=512),
        queue=3,
        limits=UploadLimits(5, 50, 15, 150),
    )
    uploads = Uploads.build(options)
    assert isinstance(uploads.remote, S3Storage)
    assert uploads.storage(force_local=False) is uploads.remote
    assert uploads.storage(force_local=True) is uploads.local
    assert uploads.slots.capacity == 1 + 3  # one worker, three waiting


def test_default_budget_accepts_camera_photos_but_not_the_reviewed_bomb() -> None:
    budget = UploadOptions.from_settings(Settings()).budget

    assert 6240 * 4160 <= budget.max_pixels < 6300 * 6300
    assert (budget.max_frames, budget.max_animation_pixels) == (200, 20_000_000)
