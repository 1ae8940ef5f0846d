"""Wire names are dasherized; Python names are snake_case."""

from __future__ import annotations


def dasherize(name: str) -> str:
    return name.replace("_", "-")


def undasherize(name: str) -> str:
    return name.replace("-", "_")
