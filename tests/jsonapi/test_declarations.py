"""Declarations are checked when they are registered: deny by default, no silent gaps."""

from __future__ import annotations

import pytest

from hallway.config import Settings
from hallway.jsonapi import (
    Hooks,
    JsonApi,
    Policy,
    Resource,
    Rule,
    ToMany,
    ToOne,
    anyone,
    planned,
    relate,
)
from hallway.jsonapi.resource import DeclarationError
from hallway.main import create_app
from tests.conftest import client_for
from tests.jsonapi.conftest import as_user, doc
from tests.jsonapi.toys import Author, Book, Tag, TagCreate

READ = {"list": anyone, "view": anyone}


async def _yes(ctx, obj) -> bool:
    return True


check_only = Rule("check_only", check=_yes)


def test_a_resource_without_a_rule_for_an_exposed_action_cannot_be_declared():
    with pytest.raises(DeclarationError, match="'create'"):
        Resource(type="tag", model=Tag, create=TagCreate, policy=Policy(**READ, delete=anyone))
    with pytest.raises(DeclarationError, match="'delete'"):
        Resource(type="tag", model=Tag, policy=Policy(**READ))
    with pytest.raises(DeclarationError, match="'list'"):
        Resource(type="tag", model=Tag, policy=Policy(view=anyone, delete=anyone))


def test_writable_relationships_and_soft_delete_need_their_own_rules():
    with pytest.raises(DeclarationError, match="'tags'"):
        Resource(
            type="book",
            model=Book,
            deletable=False,
            policy=Policy(**READ),
            relationships={"tags": ToMany("tag", writable=True)},
        )
    with pytest.raises(DeclarationError, match="'trash'"):
        Resource(
            type="author", model=Author, soft_delete=True, policy=Policy(**READ, delete=anyone)
        )


def test_a_write_loads_only_to_one_relationships_with_its_object():
    def book(*names: str) -> Resource:
        policy = Policy(**READ)
        return Resource(type="book", model=Book, deletable=False, policy=policy, loads_with=names)

    assert book("author").loads_with == ("author",)
    for name in ("tags", "publisher"):
        with pytest.raises(DeclarationError, match=repr(name)):
            book(name)


def test_list_rules_must_limit_rows_in_sql():
    with pytest.raises(DeclarationError, match="SQL scope"):
        Resource(
            type="tag", model=Tag, deletable=False, policy=Policy(list=check_only, view=anyone)
        )


def test_relationships_and_fields_must_exist_on_the_model():
    policy = Policy(**READ, delete=anyone)
    with pytest.raises(DeclarationError, match="no relationship"):
        Resource(type="tag", model=Tag, policy=policy, relationships={"owner": ToOne("user")})
    with pytest.raises(DeclarationError, match="does not match"):
        Resource(type="tag", model=Tag, policy=policy, relationships={"books": ToOne("book")})
    api = JsonApi(sessions=lambda: None)  # type: ignore[arg-type,return-value]
    api.register(Resource(type="tag", model=Tag, policy=policy, filters=("colour",)))
    with pytest.raises(DeclarationError, match="unknown field"):
        api.seal()


def test_relationship_targets_must_be_declared_resources():
    api = JsonApi(sessions=lambda: None)  # type: ignore[arg-type,return-value]
    api.register(
        Resource(
            type="tag",
            model=Tag,
            policy=Policy(**READ, delete=anyone),
            relationships={"books": ToMany("book")},
        )
    )
    with pytest.raises(DeclarationError, match="book"):
        api.seal()
    with pytest.raises(DeclarationError, match="twice"):
        api.register(Resource(type="tag", model=Tag, policy=Policy(**READ, delete=anyone)))


async def _explode(ctx, obj) -> None:
    raise RuntimeError("secret internals: /srv/hallway/config.py line 42")


async def test_an_unexpected_error_is_a_500_without_a_trace(toy_db, database_url):
    def register(app, api):
        api.register(
            Resource(
                type="tag",
                model=Tag,
                create=TagCreate,
                policy=Policy(**READ, create=anyone, delete=anyone),
                hooks=Hooks(before_create=_explode),
            )
        )

    app = create_app(
        Settings(database_url=database_url, secret_key="t"), database=toy_db, register=register
    )
    async with client_for(app) as client:
        response = await client.post("/v1/tags", json=doc("tag", {"name": "x"}), headers=as_user(1))

    assert response.status_code == 500
    assert response.json()["errors"][0] == {
        "status": 500,
        "title": "Unknown error",
        "detail": "Unknown error",
    }
    assert "secret" not in response.text
    async with toy_db.sessions() as session:
        assert await session.get(Tag, 1) is None


def test_a_planned_relationship_must_be_bound_once_its_target_exists():
    api = JsonApi(sessions=lambda: None)  # type: ignore[arg-type,return-value]
    api.register(
        Resource(
            type="tag",
            model=Tag,
            policy=Policy(**READ, delete=anyone),
            relationships={"books": ToMany("book", planned=True)},
        )
    )
    api.check()
    api.register(Resource(type="book", model=Book, policy=Policy(**READ, delete=anyone)))
    with pytest.raises(DeclarationError, match="planning"):
        api.check()


def _tag_api() -> JsonApi:
    api = JsonApi(sessions=lambda: None)  # type: ignore[arg-type,return-value]
    api.register(Resource(type="tag", model=Tag, policy=Policy(**READ, delete=anyone)))
    api.register(Resource(type="book", model=Book, policy=Policy(**READ, delete=anyone)))
    return api


def test_a_domain_attaches_relationships_to_another_resource():
    api = _tag_api()
    api.attach(relate("tag", books=ToMany("book")))
    api.seal()
    assert api.resource("tag").relations["books"].type == "book"
    with pytest.raises(DeclarationError, match="sealed"):
        api.attach(relate("tag", other_books=ToMany("book")))


def test_attached_relationships_are_read_only_and_attached_once():
    api = _tag_api()
    api.attach(relate("tag", books=ToMany("book", writable=True)))
    with pytest.raises(DeclarationError, match="read-only"):
        api.seal()
    api = _tag_api()
    api.attach(relate("tag", books=ToMany("book")), relate("tag", books=ToMany("book")))
    with pytest.raises(DeclarationError, match="twice"):
        api.seal()


def test_a_plan_must_go_once_its_domain_attaches_the_relationship():
    api = _tag_api()
    api.attach(relate("tag", books=ToMany("book")))
    api.plan(planned("tag", books=ToMany("book")))
    with pytest.raises(DeclarationError, match="take it out of the plan"):
        api.seal()
    api = _tag_api()
    api.plan(planned("tag", books=ToMany("book")))
    with pytest.raises(DeclarationError, match="attach the relationship from its domain"):
        api.seal()


def test_a_path_may_span_several_segments():
    api = JsonApi(sessions=lambda: None)  # type: ignore[arg-type,return-value]
    api.register(
        Resource(type="tag", model=Tag, path="shelf/tags", policy=Policy(**READ, delete=anyone))
    )
    api.register(
        Resource(type="book", model=Book, path="shelf", policy=Policy(**READ, delete=anyone))
    )
    tags = api.resource("tag")
    assert api.locate(["shelf", "tags", "7"]) == (tags, ["shelf/tags", "7"])
    assert api.locate(["shelf", "7"]) == (api.resource("book"), ["shelf", "7"])
    assert api.locate(["cellar", "tags"]) == (None, ["cellar", "tags"])
    assert tags.self_link(7) == "/v1/shelf/tags/7"
    with pytest.raises(DeclarationError, match="too many segments"):
        api.register(
            Resource(
                type="author", model=Author, path="a/b/c/d", policy=Policy(**READ, delete=anyone)
            )
        )
