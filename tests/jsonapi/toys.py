"""Toy resources for testing the engine: authors (string identifier, soft delete, owner),
their books (children with a required parent and a to-many of tags) and a one-to-one profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from pydantic import Field
from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    false,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from starlette.requests import Request

from hallway.db import UTCDateTime
from hallway.jsonapi import (
    Attributes,
    Hooks,
    Int32,
    JsonApi,
    Policy,
    RequestContext,
    Resource,
    Rule,
    ToMany,
    ToOne,
    UtcDatetime,
    anyone,
    authenticated,
)


class ToyBase(DeclarativeBase):
    metadata = MetaData()


book_tags = Table(
    "toy_book_tags",
    ToyBase.metadata,
    Column("book_id", ForeignKey("toy_books.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("toy_tags.id", ondelete="CASCADE"), primary_key=True),
)


class Author(ToyBase):
    __tablename__ = "toy_authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    age: Mapped[int | None] = mapped_column(Integer)
    rating: Mapped[float | None] = mapped_column(Float)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    born_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner_id: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    books: Mapped[list[Book]] = relationship(back_populates="author")
    profile: Mapped[Profile | None] = relationship(back_populates="author", uselist=False)


class Book(ToyBase):
    __tablename__ = "toy_books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    pages: Mapped[int] = mapped_column(Integer, default=100)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author_id: Mapped[int] = mapped_column(ForeignKey("toy_authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")
    tags: Mapped[list[Tag]] = relationship(secondary=book_tags, back_populates="books")


class Tag(ToyBase):
    __tablename__ = "toy_tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list[Book]] = relationship(secondary=book_tags, back_populates="tags")


class Profile(ToyBase):
    __tablename__ = "toy_profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str] = mapped_column(String(500))
    author_id: Mapped[int] = mapped_column(ForeignKey("toy_authors.id"), unique=True)
    author: Mapped[Author] = relationship(back_populates="profile")


# -- the caller ----------------------------------------------------------------------------------
@dataclass
class ToyActor:
    id: int
    is_admin: bool


async def toy_authenticate(request: Request, session: AsyncSession) -> ToyActor | None:
    """Test callers name themselves: `X-Toy-User: 7` or `X-Toy-User: 7 admin`."""
    raw = request.headers.get("x-toy-user")
    if not raw:
        return None
    parts = raw.split()
    return ToyActor(int(parts[0]), "admin" in parts[1:])


def _admin(ctx: RequestContext) -> bool:
    return bool(ctx.actor and ctx.actor.is_admin)


async def _admin_check(ctx: RequestContext, obj: Any) -> bool:
    return _admin(ctx)


async def _admin_scope(ctx: RequestContext, model: Any) -> Any:
    return true() if _admin(ctx) else false()


is_admin = Rule("is_admin", check=_admin_check, scope=_admin_scope)


async def _visible_author(ctx: RequestContext, model: Any) -> Any:
    """Hidden authors are visible to their owner and to admins only."""
    if _admin(ctx):
        return true()
    if ctx.actor is None:
        return model.is_hidden.is_(False)
    return or_(model.is_hidden.is_(False), model.owner_id == ctx.actor.id)


async def _owns_author(ctx: RequestContext, author: Any) -> bool:
    return bool(ctx.actor and author.owner_id == ctx.actor.id)


async def _owns_book(ctx: RequestContext, book: Any) -> bool:
    if ctx.actor is None:
        return False
    owner = await ctx.session.scalar(select(Author.owner_id).where(Author.id == book.author_id))
    return bool(owner == ctx.actor.id)


public_authors = Rule("public_authors", scope=_visible_author)
owns_author = Rule("owns_author", check=_owns_author)
owns_book = Rule("owns_book", check=_owns_book)


# -- input schemas -------------------------------------------------------------------------------
class AuthorCreate(Attributes):
    name: str = Field(min_length=1, max_length=100)
    email: str | None = None
    age: Int32 | None = Field(default=None, ge=0)
    rating: float | None = None
    is_hidden: bool = False
    born_at: UtcDatetime | None = None


class AuthorUpdate(Attributes):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    email: str | None = None
    age: Int32 | None = Field(default=None, ge=0)
    rating: float | None = None
    is_hidden: bool | None = None
    born_at: UtcDatetime | None = None


class BookCreate(Attributes):
    title: str = Field(min_length=1)
    pages: Int32 = Field(default=100, ge=1)
    published_at: UtcDatetime | None = None


class BookUpdate(Attributes):
    title: str | None = Field(default=None, min_length=1)
    pages: Int32 | None = Field(default=None, ge=1)
    published_at: UtcDatetime | None = None


class TagCreate(Attributes):
    name: str = Field(min_length=1, max_length=50)


_counter = iter(range(1, 10**9))


async def _give_identifier(ctx: RequestContext, author: Any) -> None:
    author.identifier = f"a{next(_counter):07x}"
    author.owner_id = ctx.actor.id


async def _mine(ctx: RequestContext, value: str) -> Any:
    """`?mine=true`: only the caller's own authors (an anonymous caller has none)."""
    if value.lower() != "true":
        return true()
    return Author.owner_id == ctx.actor.id if ctx.actor else false()


def author_resource() -> Resource:
    return Resource(
        type="author",
        model=Author,
        identifier="identifier",
        soft_delete=True,
        attributes=(
            "identifier",
            "name",
            "email",
            "age",
            "rating",
            "is_hidden",
            "born_at",
            "deleted_at",
        ),
        computed={"display-name": lambda row: f"{row['name']} <{row['email'] or '-'}>"},
        create=AuthorCreate,
        update=AuthorUpdate,
        relationships={
            "books": ToMany("book"),
            "profile": ToOne("profile"),
            "reviews": ToMany("review", planned=True),
            "agent": ToOne("agent", planned=True),
        },
        filters=(
            "name",
            "email",
            "age",
            "rating",
            "is_hidden",
            "born_at",
            "deleted_at",
            "books",
            "profile",
        ),
        sorts=("name", "age", "born_at", "rating"),
        policy=Policy(
            list=public_authors,
            view=public_authors,
            create=authenticated,
            update=owns_author | is_admin,
            delete=owns_author | is_admin,
            trash=is_admin,
        ),
        hooks=Hooks(before_create=_give_identifier),
        list_params={"mine": _mine},
    )


def book_resource() -> Resource:
    return Resource(
        type="book",
        model=Book,
        create=BookCreate,
        update=BookUpdate,
        relationships={
            "author": ToOne("author", writable=True, required=True),
            "tags": ToMany("tag", writable=True),
        },
        filters=("title", "pages", "published_at", "author", "tags"),
        sorts=("title", "pages", "published_at"),
        policy=Policy(
            list=anyone,
            view=anyone,
            create=owns_book | is_admin,
            update=owns_book | is_admin,
            delete=owns_book | is_admin,
            relationships={"tags": owns_book | is_admin, "author": owns_book | is_admin},
        ),
    )


def register_toys(app: FastAPI, api: JsonApi) -> None:
    api.register(author_resource())
    api.register(book_resource())
    api.register(
        Resource(
            type="tag",
            model=Tag,
            create=TagCreate,
            update=TagCreate,
            relationships={"books": ToMany("book")},
            filters=("name", "books"),
            sorts=("name",),
            policy=Policy(
                list=anyone, view=anyone, create=is_admin, update=is_admin, delete=is_admin
            ),
        )
    )
    api.register(
        Resource(
            type="profile",
            model=Profile,
            relationships={"author": ToOne("author")},
            filters=("bio",),
            policy=Policy(list=anyone, view=anyone, delete=is_admin),
        )
    )
