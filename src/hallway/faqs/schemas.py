"""What co-organizers may send about FAQs and FAQ types."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from hallway.jsonapi import Attributes, Html

Name = Annotated[str, Field(min_length=1, max_length=200)]


LONGEST = 20000


def _filled(value: str | None) -> str:
    if value is None or not value.strip():
        raise ValueError("may not be blank")
    if len(value) > LONGEST:
        raise ValueError(f"may be at most {LONGEST} characters long")
    return value


# Question and answer are HTML kept to what is safe to show, and never blank.
Text = Annotated[Html, AfterValidator(_filled)]

# Update schemas: an attribute that is not sent is left alone; one sent must be valid.


class FaqCreate(Attributes):
    question: Text
    answer: Text


class FaqUpdate(FaqCreate):
    question: Text = None
    answer: Text = None


class FaqTypeCreate(Attributes):
    name: Name


class FaqTypeUpdate(FaqTypeCreate):
    name: Name = None  # type: ignore[assignment]
