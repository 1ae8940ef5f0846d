"""The README keeps its first two commands and lists every setting of the settings class."""

from __future__ import annotations

import re
from pathlib import Path

from hallway.config import Settings
from hallway.settingsdoc import current_block, readme_block

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_starts_with_the_two_commands():
    first_block = re.search(r"```\n(.*?)```", README.read_text(encoding="utf-8"), re.S)

    assert first_block is not None
    assert first_block.group(1) == "./manage run\n./manage test\n"


def test_the_readme_lists_every_setting_as_the_settings_class_describes_it():
    block = current_block(README.read_text(encoding="utf-8"))

    listed = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", block, re.M))
    assert listed == {name.upper() for name in Settings.model_fields}
    assert block == readme_block(), "run ./manage settings --readme README.md"
    assert all(field.description for field in Settings.model_fields.values())
