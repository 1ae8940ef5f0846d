"""The new-resource walkthrough stays true: every file and name it points at exists."""

from __future__ import annotations

import re
from pathlib import Path

from hallway.config import Settings
from hallway.main import create_app
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[1]
WALKTHROUGH = ROOT / "docs" / "new-resource.md"


def _text() -> str:
    return WALKTHROUGH.read_text(encoding="utf-8")


def test_every_path_in_the_walkthrough_exists():
    paths = re.findall(r"`((?:src|tests|migrations|docs)/[^`]*|pyproject\.toml)`", _text())
    assert len(paths) >= 8
    for path in paths:
        assert (ROOT / path).exists(), path


def test_every_name_of_the_example_is_defined_in_the_file_it_names():
    entries = re.findall(r"\*\*`(src/[^`]+\.py)`\*\* — (.*?)(?=\n\d+\. |\n## )", _text(), re.S)
    checked = 0
    for path, prose in entries:
        source = (ROOT / path).read_text(encoding="utf-8")
        for name in re.findall(r"`((?:n|N)otification\w*)(?:\(\w*\))?`", prose):
            found = rf"^(def|class) {name}\b|^{name} =|\b{name}="
            assert re.search(found, source, re.M), (path, name)
            checked += 1
    assert checked >= 6


def test_the_example_resource_is_registered_with_its_attachment(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", secret_key="k" * 32))
    api = app.state.api
    notification = api.resource("notification")
    assert notification.path == "notifications"
    assert api.resource("user").relations["notifications"].type == "notification"
    assert not api.resource("user").relations["notifications"].planned


async def test_the_api_docs_page_needs_no_cdn(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", secret_key="k" * 32))
    async with client_for(app) as client:
        page = await client.get("/docs")
        assets = re.findall(r"""(?:href|src)=['"]([^'"]+)['"]""", page.text)
        fetched = {url: (await client.get(url)) for url in assets}
        spec = await client.get(re.findall(r"url: '([^']+)'", page.text)[0])

    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    assert {url.rsplit("/", 1)[1] for url in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css"}
    assert all(response.status_code == 200 for response in fetched.values())
    assert spec.status_code == 200 and spec.json()["openapi"].startswith("3.")
