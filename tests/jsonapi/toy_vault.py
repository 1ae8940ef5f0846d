"""Toy resources for hidden and write-only fields and singletons: one safe (a singleton whose
notes only admins read and whose combination no one reads back) and diaries (whose entries
only their owner and admins read, and whose pin no one reads back)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import Field
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.jsonapi import (
    Attributes,
    Hidden,
    Hooks,
    JsonApi,
    Policy,
    RequestContext,
    Resource,
    Rule,
    ToOne,
    anyone,
    authenticated,
)
from tests.jsonapi.toys import ToyBase, is_admin


class Safe(ToyBase):
    __tablename__ = "toy_safes"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(String(500))
    combination: Mapped[str | None] = mapped_column(String(50))


class Diary(ToyBase):
    __tablename__ = "toy_diaries"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    entry: Mapped[str] = mapped_column(String(500), default="")
    owner_id: Mapped[int] = mapped_column(Integer)
    pin: Mapped[str | None] = mapped_column(String(20))
    safe_id: Mapped[int | None] = mapped_column(ForeignKey("toy_safes.id"))
    safe: Mapped[Safe | None] = relationship()


class SafeUpdate(Attributes):
    label: str | None = Field(default=None, min_length=1)
    notes: str | None = None
    combination: str | None = None


class DiaryCreate(Attributes):
    title: str = Field(min_length=1)
    entry: str = ""
    pin: str | None = None


class DiaryUpdate(Attributes):
    title: str | None = Field(default=None, min_length=1)
    entry: str | None = None
    pin: str | None = None


async def _safe_hidden(ctx: RequestContext) -> frozenset[str]:
    return frozenset() if ctx.actor and ctx.actor.is_admin else frozenset({"notes"})


async def _diary_hidden(ctx: RequestContext) -> frozenset[str] | Hidden:
    """Entries are private: their owner and admins read them."""
    if ctx.actor and ctx.actor.is_admin:
        return frozenset()
    if ctx.actor is None:
        return frozenset({"entry"})
    me = ctx.actor.id
    return Hidden(frozenset({"entry"}), exempt=lambda row: bool(row["owner_id"] == me))


async def _owns_diary(ctx: RequestContext, diary: Any) -> bool:
    return bool(ctx.actor and diary.owner_id == ctx.actor.id)


async def _give_owner(ctx: RequestContext, diary: Any) -> None:
    diary.owner_id = ctx.actor.id


owns_diary = Rule("owns_diary", check=_owns_diary)


def safe_resource() -> Resource:
    return Resource(
        type="safe",
        model=Safe,
        attributes=("label", "notes"),
        write_only=("combination",),
        computed={"is_locked": lambda row: row["combination"] is not None},
        update=SafeUpdate,
        deletable=False,
        singleton="1",
        hidden=_safe_hidden,
        policy=Policy(view=anyone, update=authenticated),
    )


def diary_resource() -> Resource:
    return Resource(
        type="diary",
        model=Diary,
        path="diaries",
        write_only=("pin",),
        computed={"has_pin": lambda row: row["pin"] is not None},
        create=DiaryCreate,
        update=DiaryUpdate,
        relationships={"safe": ToOne("safe", writable=True)},
        filters=("title", "entry"),
        sorts=("title", "entry"),
        hidden=_diary_hidden,
        hooks=Hooks(before_create=_give_owner),
        policy=Policy(
            list=anyone,
            view=anyone,
            create=authenticated,
            update=owns_diary | is_admin,
            delete=owns_diary | is_admin,
            relationships={"safe": owns_diary | is_admin},
        ),
    )


def register_vault(app: FastAPI, api: JsonApi) -> None:
    api.register(safe_resource())
    api.register(diary_resource())
