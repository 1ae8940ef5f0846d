"""The `filter=` query language over HTTP: operators, composition, relationships, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from httpx import AsyncClient

from tests.jsonapi.conftest import as_user
from tests.jsonapi.helpers import make_author, make_book, make_tag

ADMIN = as_user(9, admin=True)
AUTHORS = ("Ann", "Bob", "Cat", "Dan", "Eve")
VISIBLE = ["Ann", "Bob", "Cat", "Eve"]  # Dan is hidden from everyone but admins
Y1990, Y2000, EVE_BORN = "1990-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "2001-03-04T05:06:07Z"


@pytest.fixture
async def world(client: AsyncClient) -> dict[str, str]:
    """Five authors (Dan hidden), three tags and four books; returns name/title -> id."""
    ids: dict[str, str] = {}
    attrs: dict[str, dict[str, Any]] = {
        "Ann": {"email": "ann@example.com", "age": 30, "rating": 4.5, "born_at": Y1990},
        "Bob": {"age": 45, "rating": 3.0, "born_at": "1980-06-15T12:00:00Z"},
        "Cat": {"email": "cat@mail.org"},
        "Dan": {"age": 30, "rating": 5.0, "is_hidden": True, "born_at": Y2000, "email": "d@x.io"},
        "Eve": {"email": "e%ve_1@example.com", "age": 22, "rating": 25.5, "born_at": EVE_BORN},
    }
    for name in AUTHORS:
        ids[name] = (await make_author(client, name, **attrs[name]))["id"]
    for tag in ("poetry", "drama", "unused"):
        ids[tag] = (await make_tag(client, tag))["id"]
    books = [
        ("Alpha", "Ann", 100, ["poetry"]),
        ("Beta", "Ann", 250, ["poetry", "drama"]),
        ("Gamma", "Bob", 300, []),
        ("Delta", "Dan", 50, ["drama"]),
    ]
    for title, author, pages, tags in books:
        tag_ids = [ids[t] for t in tags]
        book = await make_book(client, ids[author], title, pages=pages, tags=tag_ids)
        ids[title] = book["id"]
    return ids


async def listed(
    client: AsyncClient, path: str, filter_: Any, *, headers: Any = None, key: str = "name"
) -> list[str]:
    """GET a filtered list; assert 200 and a consistent count; return the `key` attributes."""
    raw = filter_ if isinstance(filter_, str) else json.dumps(filter_)
    response = await client.get(path, params={"filter": raw}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"]["count"] == len(body["data"])
    return [item["attributes"][key] for item in body["data"]]


async def titles(client: AsyncClient, filter_: Any, *, headers: Any = None) -> list[str]:
    return await listed(client, "/v1/books", filter_, headers=headers, key="title")


def leaf(name: str, op: str, val: Any) -> dict[str, Any]:
    return {"name": name, "op": op, "val": val}


# -- one-node filters ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (leaf("name", "eq", "Ann"), ["Ann"]),
        (leaf("name", "ne", "Ann"), ["Bob", "Cat", "Eve"]),
        (leaf("age", "lt", 30), ["Eve"]),
        (leaf("age", "le", 30), ["Ann", "Eve"]),
        (leaf("age", "gt", 30), ["Bob"]),
        (leaf("age", "ge", 30), ["Ann", "Bob"]),
        (leaf("age", "eq", "30"), ["Ann"]),
        (leaf("rating", "ge", 4.5), ["Ann", "Eve"]),
        (leaf("rating", "lt", "4"), ["Bob"]),
        (leaf("age", "in_", [22, 45]), ["Bob", "Eve"]),
        (leaf("age", "in_", ["22", "45"]), ["Bob", "Eve"]),
        (leaf("age", "in_", []), []),
        (leaf("name", "notin_", ["Ann", "Bob"]), ["Cat", "Eve"]),
        (leaf("age", "between", [25, 45]), ["Ann", "Bob"]),
        (leaf("rating", "between", [2.5, 4.5]), ["Ann", "Bob"]),
        # null values are SQL null tests
        (leaf("email", "eq", None), ["Bob"]),
        (leaf("email", "ne", None), ["Ann", "Cat", "Eve"]),
        (leaf("age", "eq", None), ["Cat"]),
        (leaf("born_at", "ne", None), ["Ann", "Bob", "Eve"]),
        (leaf("email", "is_", None), ["Bob"]),
        (leaf("email", "isnot", None), ["Ann", "Cat", "Eve"]),
        # text operators
        (leaf("email", "like", "%@example.com"), ["Ann", "Eve"]),
        (leaf("name", "like", "_o_"), ["Bob"]),
        (leaf("email", "notlike", "%@example.com"), ["Cat"]),
        (leaf("email", "ilike", "%@EXAMPLE.COM"), ["Ann", "Eve"]),
        (leaf("email", "notilike", "%@EXAMPLE.COM"), ["Cat"]),
        (leaf("email", "startswith", "ann@"), ["Ann"]),
        (leaf("email", "endswith", ".org"), ["Cat"]),
        (leaf("email", "contains", "@example"), ["Ann", "Eve"]),
        # startswith / endswith / contains take their value literally: % and _ are not wildcards.
        (leaf("email", "contains", "%"), ["Eve"]),
        (leaf("email", "contains", "_"), ["Eve"]),
        (leaf("email", "startswith", "e%"), ["Eve"]),
        (leaf("email", "startswith", "_"), []),
        (leaf("email", "endswith", "%"), []),
        # ISO datetimes, with or without an offset (naive means UTC)
        (leaf("born_at", "eq", Y1990), ["Ann"]),
        (leaf("born_at", "eq", "1990-01-01T00:00:00+00:00"), ["Ann"]),
        (leaf("born_at", "eq", "1990-01-01T01:00:00+01:00"), ["Ann"]),
        (leaf("born_at", "eq", "1990-01-01T00:00:00"), ["Ann"]),
        (leaf("born_at", "gt", "1985-01-01T00:00:00Z"), ["Ann", "Eve"]),
        (leaf("born_at", "lt", "1990-01-01T00:00:00Z"), ["Bob"]),
        (leaf("born_at", "le", "1990-01-01T00:00:00Z"), ["Ann", "Bob"]),
        (leaf("born_at", "ge", "2001-03-04T05:06:07Z"), ["Eve"]),
        (leaf("born-at", "between", ["1980-01-01T00:00Z", "1995-01-01T00:00Z"]), ["Ann", "Bob"]),
        # field compares two declared columns
        ({"name": "rating", "op": "gt", "field": "age"}, ["Eve"]),
        ({"name": "rating", "op": "lt", "field": "age"}, ["Ann", "Bob"]),
        ({"name": "age", "op": "ge", "field": "rating"}, ["Ann", "Bob"]),
        ({"name": "born-at", "op": "eq", "field": "born_at"}, ["Ann", "Bob", "Eve"]),
    ],
)
async def test_filter_operator_matches_authors(client, world, node, expected):
    assert await listed(client, "/v1/authors", [node]) == expected


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (leaf("is_hidden", "eq", "true"), ["Dan"]),
        (leaf("is_hidden", "eq", "false"), VISIBLE),
        (leaf("is_hidden", "eq", True), ["Dan"]),
        (leaf("is_hidden", "ne", "true"), VISIBLE),
        (leaf("is_hidden", "is_", "true"), ["Dan"]),
        (leaf("is_hidden", "isnot", "true"), VISIBLE),
        (leaf("is-hidden", "eq", "true"), ["Dan"]),
    ],
)
async def test_filter_boolean_strings_as_admin(client, world, node, expected):
    assert await listed(client, "/v1/authors", [node], headers=ADMIN) == expected


async def test_filter_hidden_rows_stay_hidden_for_anonymous(client, world):
    assert await listed(client, "/v1/authors", [leaf("is_hidden", "eq", "true")]) == []
    thirty = [leaf("age", "eq", 30)]
    assert await listed(client, "/v1/authors", thirty) == ["Ann"]
    assert await listed(client, "/v1/authors", thirty, headers=ADMIN) == ["Ann", "Dan"]


# -- composition ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ([], VISIBLE),
        ([{"or": []}], VISIBLE),
        ([{"and": []}], VISIBLE),
        ([leaf("age", "ge", 22), leaf("email", "ne", None)], ["Ann", "Eve"]),
        ([{"and": [leaf("age", "ge", 22), leaf("age", "le", 30)]}], ["Ann", "Eve"]),
        ([{"or": [leaf("name", "eq", "Ann"), leaf("name", "eq", "Cat")]}], ["Ann", "Cat"]),
        ([{"not": leaf("name", "eq", "Ann")}], ["Bob", "Cat", "Eve"]),
        ([{"not": {"or": [leaf("name", "eq", "Ann"), leaf("name", "eq", "Bob")]}}], ["Cat", "Eve"]),
        (
            [{"or": [{"and": [leaf("age", "lt", 40), leaf("rating", "gt", 4)]},
                     leaf("email", "eq", None)]}],
            ["Ann", "Bob", "Eve"],
        ),
        ([{"or": [leaf("name", "eq", "Ann")]}, leaf("name", "eq", "Bob")], []),
    ],
)  # fmt: skip
async def test_filter_composition_combines_nodes(client, world, filter_, expected):
    assert await listed(client, "/v1/authors", filter_) == expected


async def test_filter_unknown_query_parameters_are_ignored(client, world):
    params = {"filter": json.dumps([leaf("name", "eq", "Bob")]), "cache": "true", "public": "1"}
    response = await client.get("/v1/authors", params=params)
    assert response.status_code == 200, response.text
    assert [item["id"] for item in response.json()["data"]] == [world["Bob"]]
    assert response.json()["meta"]["count"] == 1


# -- relationships -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ([leaf("books", "any", leaf("title", "eq", "Gamma"))], ["Bob"]),
        ([leaf("books", "any", leaf("pages", "gt", 200))], ["Ann", "Bob"]),
        ([leaf("books", "any", [leaf("pages", "gt", 200), leaf("title", "eq", "Beta")])], ["Ann"]),
        ([leaf("books", "any", [leaf("pages", "gt", 200), leaf("title", "eq", "Alpha")])], []),
        ([{"not": leaf("books", "any", leaf("pages", "ge", 0))}], ["Cat", "Eve"]),
        ([leaf("books", "any", leaf("tags", "any", leaf("name", "eq", "drama")))], ["Ann"]),
        ([leaf("books__title", "eq", "Gamma")], ["Bob"]),
        ([leaf("books__pages", "lt", 200)], ["Ann"]),
    ],
)
async def test_filter_any_through_to_many(client, world, filter_, expected):
    assert await listed(client, "/v1/authors", filter_) == expected


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ([leaf("author", "has", leaf("name", "eq", "Ann"))], ["Alpha", "Beta"]),
        ([leaf("author", "has", [leaf("age", "ge", 30), leaf("name", "ne", "Ann")])], ["Gamma"]),
        ([leaf("author", "has", leaf("age", "eq", 30))], ["Alpha", "Beta"]),
        ([leaf("author__name", "eq", "Bob")], ["Gamma"]),
        ([leaf("author__is-hidden", "eq", "false")], ["Alpha", "Beta", "Gamma"]),
        ([leaf("tags", "any", leaf("name", "eq", "drama"))], ["Beta", "Delta"]),
        ([leaf("tags__name", "eq", "poetry")], ["Alpha", "Beta"]),
        ([{"not": leaf("tags", "any", leaf("name", "ne", "x"))}], ["Gamma"]),
        ([leaf("tags", "any", leaf("name", "eq", "unused"))], []),
    ],
)
async def test_filter_has_and_any_on_books(client, world, filter_, expected):
    assert await titles(client, filter_) == expected


@pytest.mark.parametrize(
    ("filter_", "anonymous", "admin"),
    [
        ([leaf("author", "has", leaf("name", "eq", "Dan"))], [], ["Delta"]),
        ([leaf("author__name", "eq", "Dan")], [], ["Delta"]),
        ([leaf("author", "has", leaf("age", "eq", 30))], ["Alpha", "Beta"],
         ["Alpha", "Beta", "Delta"]),
        ([{"not": leaf("author", "has", leaf("age", "ge", 0))}], ["Delta"], []),
    ],
)  # fmt: skip
async def test_filter_has_respects_target_read_policy(client, world, filter_, anonymous, admin):
    assert await titles(client, filter_) == anonymous
    assert await titles(client, filter_, headers=ADMIN) == admin


async def test_filter_nested_any_has_respects_read_policy(client, world):
    filter_ = [leaf("books", "any", leaf("author", "has", leaf("name", "eq", "Dan")))]
    assert await listed(client, "/v1/tags", filter_) == []
    assert await listed(client, "/v1/tags", filter_, headers=ADMIN) == ["drama"]
    drama = [leaf("books", "any", leaf("tags", "any", leaf("name", "eq", "drama")))]
    assert await listed(client, "/v1/authors", drama, headers=ADMIN) == ["Ann", "Dan"]


async def test_filter_has_skips_soft_deleted_author(client, world):
    fay = await make_author(client, "Fay")
    await make_book(client, fay["id"], "Epsilon")
    response = await client.delete(f"/v1/authors/{fay['id']}", headers=as_user(1))
    assert response.status_code == 200, response.text
    filter_ = [leaf("author", "has", leaf("name", "eq", "Fay"))]
    assert await titles(client, filter_) == []
    assert await titles(client, filter_, headers=ADMIN) == []
    everything = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    assert await titles(client, [leaf("author", "ne", None)]) == everything


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        ("ne", None, ["Alpha", "Beta", "Gamma", "Delta"]),
        ("eq", None, []),
        ("eq", "Bob", ["Gamma"]),
        ("ne", "Ann", ["Gamma", "Delta"]),
        ("in_", ["Ann", "Bob"], ["Alpha", "Beta", "Gamma"]),
    ],
)
async def test_filter_to_one_compares_foreign_key(client, world, op, value, expected):
    if isinstance(value, list):
        value = [world[v] for v in value]
    elif value is not None:
        value = world[value]
    assert await titles(client, [leaf("author", op, value)]) == expected


async def test_filter_on_related_collection_applies_to_targets(client, world):
    raw = json.dumps([leaf("pages", "gt", 150)])
    response = await client.get(f"/v1/authors/{world['Ann']}/books", params={"filter": raw})
    assert response.status_code == 200, response.text
    assert [item["id"] for item in response.json()["data"]] == [world["Beta"]]
    assert response.json()["meta"]["count"] == 1


# -- operators with dashes -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        ("in-", [22, 45], ["Bob", "Eve"]),
        ("notin-", [22, 45], ["Ann"]),
        ("is-", None, ["Cat"]),
    ],
)
async def test_filter_op_dashes_or_underscores_match(client, world, op, value, expected):
    assert await listed(client, "/v1/authors", [leaf("age", op, value)]) == expected


# -- errors --------------------------------------------------------------------------------------
BAD_AUTHOR_FILTERS = {
    "not_json": "not json",
    "truncated_json": '[{"name": "name"',
    "json_string": '"name"',
    "json_number": "42",
    "list_of_numbers": "[1]",
    "list_of_lists": "[[]]",
    "unknown_name": [leaf("nope", "eq", 1)],
    "undeclared_attribute": [leaf("identifier", "eq", "a1")],
    "undeclared_column": [leaf("owner_id", "eq", 1)],
    "unknown_op": [leaf("name", "regex", "A")],
    "op_uppercase": [leaf("name", "EQ", "Ann")],
    "missing_op": [{"name": "name", "val": "Ann"}],
    "missing_name": [{"op": "eq", "val": "Ann"}],
    "missing_val_and_field": [{"name": "name", "op": "eq"}],
    "name_not_string": [leaf(1, "eq", "Ann")],
    "int_column_text": [leaf("age", "eq", "abc")],
    "int_column_fraction": [leaf("age", "eq", 1.5)],
    "int_column_bool": [leaf("age", "eq", True)],
    "float_column_text": [leaf("rating", "gt", "high")],
    "bool_column_text": [leaf("is_hidden", "eq", "maybe")],
    "datetime_column_text": [leaf("born_at", "gt", "yesterday")],
    "datetime_column_number": [leaf("born_at", "gt", 12)],
    "object_value": [leaf("name", "eq", {"a": 1})],
    "list_for_eq": [leaf("name", "eq", ["Ann"])],
    "list_for_gt": [leaf("age", "gt", [1])],
    "in_with_nested_list": [leaf("age", "in_", [[1]])],
    "between_nested_lists": [leaf("age", "between", [[1], [2]])],
    "to_many_compared_with_null": [leaf("books", "eq", None)],
    "planned_to_many": [leaf("reviews", "any", leaf("id", "eq", 1))],
    "planned_to_one": [leaf("agent", "has", leaf("id", "eq", 1))],
    "planned_shorthand": [leaf("agent__id", "eq", 1)],
    "in_without_list": [leaf("age", "in_", 30)],
    "notin_without_list": [leaf("name", "notin_", "Ann")],
    "in_with_bad_item": [leaf("age", "in_", [1, "x"])],
    "between_one_value": [leaf("age", "between", [1])],
    "between_three_values": [leaf("age", "between", [1, 2, 3])],
    "between_scalar": [leaf("age", "between", 5)],
    "is_with_string": [leaf("email", "is_", "abc")],
    "like_on_integer": [leaf("age", "like", "3%")],
    "any_on_column": [leaf("name", "any", leaf("name", "eq", "x"))],
    "has_on_to_many": [leaf("books", "has", leaf("title", "eq", "Gamma"))],
    "any_without_nested_filter": [leaf("books", "any", None)],
    "any_with_unknown_nested_name": [leaf("books", "any", leaf("nope", "eq", 1))],
    "any_with_bad_nested_value": [leaf("books", "any", leaf("pages", "eq", "many"))],
    "shorthand_unknown_column": [leaf("books__nope", "eq", 1)],
    "shorthand_unknown_relationship": [leaf("nope__name", "eq", 1)],
    "field_undeclared": [{"name": "age", "op": "eq", "field": "owner_id"}],
    "field_unknown": [{"name": "age", "op": "eq", "field": "nope"}],
    "field_not_string": [{"name": "age", "op": "eq", "field": 3}],
    "or_not_list": [{"or": leaf("name", "eq", "Ann")}],
    "and_with_bad_child": [{"and": [leaf("name", "eq", "Ann"), leaf("nope", "eq", 1)]}],
    "or_with_bad_child": [{"or": [leaf("name", "eq", "Ann"), 7]}],
    "not_scalar": [{"not": 1}],
    "not_with_bad_child": [{"not": leaf("age", "eq", "x")}],
}
BAD_BOOK_FILTERS = {
    "any_on_to_one": [leaf("author", "any", leaf("name", "eq", "Ann"))],
    "has_with_list_of_bad": [leaf("author", "has", [leaf("owner_id", "eq", 1)])],
    "to_one_with_non_key": [leaf("author", "eq", "abc")],
    "to_one_with_field": [{"name": "author", "op": "eq", "field": "pages"}],
    "shorthand_undeclared_target_column": [leaf("author__identifier", "eq", "x")],
}
BAD_PROFILE_FILTERS = {
    "has_through_undeclared": [leaf("author", "has", leaf("name", "eq", "Ann"))],
    "shorthand_through_undeclared": [leaf("author__name", "eq", "Ann")],
    "fk_through_undeclared": [leaf("author", "ne", None)],
}
BAD_FILTERS = [
    *[pytest.param("/v1/authors", f, id=k) for k, f in BAD_AUTHOR_FILTERS.items()],
    *[pytest.param("/v1/books", f, id=k) for k, f in BAD_BOOK_FILTERS.items()],
    *[pytest.param("/v1/profiles", f, id=k) for k, f in BAD_PROFILE_FILTERS.items()],
]


@pytest.mark.parametrize(("path", "filter_"), BAD_FILTERS)
async def test_filter_invalid_is_400_on_filter_parameter(client, world, path, filter_):
    raw = filter_ if isinstance(filter_, str) else json.dumps(filter_)
    response = await client.get(path, params={"filter": raw})
    assert response.status_code == 400, response.text
    errors = response.json()["errors"]
    assert [(e["status"], e["source"]) for e in errors] == [(400, {"parameter": "filter"})]


@pytest.mark.parametrize(
    ("path", "node"),
    [
        ("/v1/authors", leaf("age", "eq", 2**31)),
        ("/v1/authors", leaf("age", "eq", 2**63)),
        ("/v1/authors", leaf("age", "in_", [1, 10**30])),
        ("/v1/books", leaf("author", "eq", 2**40)),
        ("/v1/authors", leaf("name", "eq", "a\u0000b")),
        ("/v1/authors", leaf("born_at", "eq", "9999-12-31T23:59:59-05:00")),
        ("/v1/authors", leaf("born_at", "eq", "0001-01-01T00:00:00+01:00")),
    ],
    ids=["int32", "int64", "huge_in", "huge_fk", "nul_char", "date_overflow", "date_underflow"],
)
async def test_filter_extreme_value_is_rejected_or_matches_nothing(client, world, path, node):
    response = await client.get(path, params={"filter": json.dumps([node])})
    if response.status_code == 200:
        assert response.json()["data"] == []
    else:
        assert response.status_code == 400, response.text
        assert response.json()["errors"][0]["source"] == {"parameter": "filter"}
