"""What an admin may send about event types, topics, sub-topics, locations and placeholders."""

from __future__ import annotations

from pydantic import Field

from hallway.jsonapi import Attributes

Name = Field(min_length=1, max_length=200)


class NamedCreate(Attributes):
    name: str = Name


class NamedUpdate(Attributes):
    name: str | None = Field(default=None, min_length=1, max_length=200)


class TopicCreate(NamedCreate):
    system_image_url: str | None = Field(default=None, max_length=1000)


class TopicUpdate(NamedUpdate):
    system_image_url: str | None = Field(default=None, max_length=1000)


class PlaceholderCreate(Attributes):
    name: str = Name
    original_image_url: str = Field(min_length=1, max_length=1000)
    copyright: str | None = None
    origin: str | None = Field(default=None, max_length=200)


class PlaceholderUpdate(Attributes):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    original_image_url: str | None = Field(default=None, min_length=1, max_length=1000)
    copyright: str | None = None
    origin: str | None = Field(default=None, max_length=200)
