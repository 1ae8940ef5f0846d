"""Mail templates: `<name>.subject`, `<name>.txt` and `<name>.html` in `templates/`.

HTML is autoescaped; the subject and the text part are not (they are not HTML). A missing
context key is an error, never an empty hole in a sent mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import (
    Environment,
    PackageLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_env = Environment(
    loader=PackageLoader("hallway.mail", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class RenderedBody:
    subject: str
    text: str
    html: str


class UnknownMailTemplate(LookupError):
    """No mail template has this name."""


def render_subject(template: str, context: dict[str, Any]) -> str:
    """One line: whitespace (newlines included) collapses to single spaces."""
    return " ".join(_render(template, "subject", context).split())


def render_body(template: str, context: dict[str, Any]) -> RenderedBody:
    return RenderedBody(
        subject=render_subject(template, context),
        text=_render(template, "txt", context),
        html=_render(template, "html", context),
    )


def _render(template: str, extension: str, context: dict[str, Any]) -> str:
    if not _NAME.fullmatch(template):
        raise UnknownMailTemplate(template)
    try:
        compiled = _env.get_template(f"{template}.{extension}")
    except TemplateNotFound:
        raise UnknownMailTemplate(template) from None
    return compiled.render(context)
