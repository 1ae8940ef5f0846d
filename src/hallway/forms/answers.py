"""Answers to an event's custom forms, checked when a session, a speaker or an attendee is
written.

The fields that count are the live fields of the event's form (`session`, `speaker`,
`attendee`) that are asked (`is-included`); for attendees, those of the ticket's form
(`form-id`). A required field is answered either in the object's own column (a fixed field
such as `title` or `shortBiography`, named in camel case) or in `complex-field-values` (a
field of the organizer's own). Fields naming a relationship (`track`, `sessionType`) are
linked rather than answered and are not checked here. Answers are checked against the
field's kind and, for choices, its options; answers to questions the form does not ask are
dropped. A refusal is a 422 pointing at the answer; nothing is written."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from hallway.errors import ValidationFailed
from hallway.forms.models import CustomForm

ANSWERS = "/data/attributes/complex-field-values"
# A sentinel for "whatever the field's form id": sessions and speakers ask every field.
ANY_FORM = object()
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[0-9][0-9 ()./-]{2,31}")
YEAR = re.compile(r"[0-9]{4}")
MAX_TEXT = 100_000


def attribute_of(identifier: str) -> str:
    """`shortBiography` -> `short_biography` (fixed fields are named as the client's model)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", identifier).lower()


def _asked(*where: Any) -> Any:
    return (
        select(CustomForm)
        .where(
            CustomForm.event_id == bindparam("_event"),
            CustomForm.form == bindparam("_form"),
            CustomForm.is_included.is_(True),
            CustomForm.deleted_at.is_(None),
            *where,
        )
        .options(joinedload(CustomForm.custom_form_options))  # the same round trip
        .order_by(CustomForm.position, CustomForm.id)
    )


# Built once, for any form id, for the event's own form, and for one ticket's form.
_ASKED_ANY = _asked()
_ASKED_OWN = _asked(CustomForm.form_id.is_(None))
_ASKED_ONE = _asked(CustomForm.form_id == bindparam("_form_id"))
_MEMO = "hallway.forms.asked"


async def asked_fields(
    session: AsyncSession, event_id: int, form: str, form_id: Any = ANY_FORM
) -> list[CustomForm]:
    """The fields asked, read once per session (a request) for each form: an order's
    attendees of one ticket answer the same one."""
    memo: dict[tuple[int, str, Any], list[CustomForm]] = session.info.setdefault(_MEMO, {})
    key = (event_id, form, form_id)
    if key not in memo:
        params: dict[str, Any] = {"_event": event_id, "_form": form}
        if form_id is ANY_FORM:
            stmt = _ASKED_ANY
        elif form_id is None:
            stmt = _ASKED_OWN
        else:
            stmt, params["_form_id"] = _ASKED_ONE, form_id
        memo[key] = list((await session.scalars(stmt, params)).unique())
    return memo[key]


async def check_answers(
    session: AsyncSession,
    form: str,
    obj: Any,
    *,
    form_id: Any = ANY_FORM,
    skip: Collection[str] = (),
    required: bool = True,
) -> None:
    """Refuse `obj` (a session, speaker or attendee about to be written) when a required
    field of its event's `form` is unanswered (unless `required` is off) or an answer does
    not fit its field; keep only the answers the form asks for. `skip` names fixed fields
    not required this time."""
    with session.no_autoflush:
        fields = await asked_fields(session, obj.event_id, form, form_id)
    answers = obj.complex_field_values
    if answers is not None and not isinstance(answers, dict):
        raise ValidationFailed("complex-field-values: an object of answers", pointer=ANSWERS)
    answers = answers or {}
    mapper = inspect(type(obj))
    kept: dict[str, Any] = {}
    for field in fields:
        attr = attribute_of(field.field_identifier)
        if attr in mapper.relationships or attr in skip:
            continue
        if not field.is_complex and attr in mapper.column_attrs:
            if required and field.is_required and _blank(getattr(obj, attr), fixed=True):
                wire = attr.replace("_", "-")
                raise ValidationFailed(
                    f"{wire}: {field.name or field.field_identifier} is required",
                    pointer=f"/data/attributes/{wire}",
                )
            continue
        value = answers.get(field.field_identifier)
        pointer = f"{ANSWERS}/{field.field_identifier}"
        if _blank(value, fixed=False):
            if required and field.is_required:
                raise ValidationFailed(
                    f"{field.name or field.field_identifier} is required", pointer=pointer
                )
            continue
        problem = _problem(field, value)
        if problem:
            raise ValidationFailed(
                f"{field.name or field.field_identifier}: {problem}", pointer=pointer
            )
        kept[field.field_identifier] = value
    if obj.complex_field_values is not None or kept:
        obj.complex_field_values = kept or None


def _blank(value: Any, *, fixed: bool) -> bool:
    """Unanswered: nothing, an empty text or list; for a fixed yes/no field (a consent), no."""
    if value is None or value == [] or value == {}:
        return True
    if isinstance(value, str):
        return not value.strip()
    return fixed and value is False


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return "a text"
    return "too long" if len(value) > MAX_TEXT else None


def _choices(field: CustomForm) -> set[str]:
    return {option.value for option in field.custom_form_options}


def _choice(field: CustomForm, value: Any) -> str | None:
    if _text(value):
        return "one of its choices"
    options = _choices(field)
    return None if not options or value in options else f"{value!r} is not one of its choices"


def _choices_made(field: CustomForm, value: Any) -> str | None:
    picked = value if isinstance(value, list) else [value]
    if any(not isinstance(item, str) for item in picked):
        return "its choices, as texts"
    options = _choices(field)
    unknown = [item for item in picked if options and item not in options]
    return f"{unknown[0]!r} is not one of its choices" if unknown else None


def _email(field: CustomForm, value: Any) -> str | None:
    ok = isinstance(value, str) and len(value) <= 320 and EMAIL.fullmatch(value.strip())
    return None if ok else "not an e-mail address"


def _url(field: CustomForm, value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 2048:
        return "not a web address"
    parts = urlsplit(value.strip())
    ok = parts.scheme in ("http", "https") and bool(parts.netloc)
    return None if ok else "not a web address"


def _number(field: CustomForm, value: Any) -> str | None:
    if isinstance(value, bool):
        return "not a number"
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return "not a number"
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "not a number"
    return _within(field, value)


def _year(field: CustomForm, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not YEAR.fullmatch(value.strip()):
        return "not a year"
    return _within(field, int(value))


def _within(field: CustomForm, value: float) -> str | None:
    """The field's `min` and `max`, where set, bound a number or a year (the client offers
    the years from min to max)."""
    if field.min is not None and value < field.min:
        return f"at least {field.min}"
    if field.max is not None and value > field.max:
        return f"at most {field.max}"
    return None


def _boolean(field: CustomForm, value: Any) -> str | None:
    if isinstance(value, bool) or (
        isinstance(value, str) and value.lower() in ("true", "false", "yes", "no")
    ):
        return None
    return "yes or no"


def _phone(field: CustomForm, value: Any) -> str | None:
    ok = isinstance(value, str) and PHONE.fullmatch(value.strip())
    return None if ok else "not a phone number"


def _plain(field: CustomForm, value: Any) -> str | None:
    return _text(value)


CHECKS: dict[str, Callable[[CustomForm, Any], str | None]] = {
    "text": _plain,
    "paragraph": _plain,
    "richtextlink": _plain,
    "file": _plain,
    "image": _plain,
    "select": _choice,
    "checkbox": _choices_made,
    "email": _email,
    "url": _url,
    "number": _number,
    "year": _year,
    "boolean": _boolean,
    "phone": _phone,
}


def _problem(field: CustomForm, value: Any) -> str | None:
    return CHECKS.get(field.type, _plain)(field, value)
