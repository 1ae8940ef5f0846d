"""Mail templates: `<name>.subject`, `<name>.txt` and `<name>.html` in `templates/`.

HTML is autoescaped; the subject and the text part are not (they are not HTML). A missing
context key is an error, never an empty hole in a sent mail.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

_NAME = re.compile(r"[a-z][a-z0-9_]*")


@functools.cache
def _environment() -> Any:
    """Jinja's environment, made when the first mail is rendered: a process that sends no
    mail (a web worker whose mail leaves through a job) never loads Jinja."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
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


class BrokenMailTemplate(ValueError):
    """A template failed to render: its syntax, or a key its context lacks."""


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
    from jinja2 import TemplateError, TemplateNotFound

    try:
        compiled = _environment().get_template(f"{template}.{extension}")
        rendered: str = compiled.render(context)
    except TemplateNotFound:
        raise UnknownMailTemplate(template) from None
    except TemplateError as exc:
        raise BrokenMailTemplate(f"{template}.{extension}: {exc}") from exc
    return rendered
