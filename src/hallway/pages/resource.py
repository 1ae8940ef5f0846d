"""`/v1/pages`: the site's own pages, public to read and admins to write. The frontend asks for
them with `cache=true&public=true`, query parameters that change nothing here."""

from __future__ import annotations

from hallway.jsonapi import Hooks, Resource
from hallway.pages import service
from hallway.pages.models import Page
from hallway.pages.policy import page_policy
from hallway.pages.schemas import PageCreate, PageUpdate


def page_resource() -> Resource:
    return Resource(
        type="page",
        model=Page,
        create=PageCreate,
        update=PageUpdate,
        filters=("name", "title", "url", "place", "language", "index"),
        sorts=("name", "title", "url", "place", "language", "index"),
        policy=page_policy,
        hooks=Hooks(apply=service.apply_changes),
    )
