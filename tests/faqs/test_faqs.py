"""A FAQ has at most one type, a type many FAQs, and the type is optional. Linking a FAQ to a
type works (the original server answered 500), `include=faq-type` works, and a FAQ is filed
only under a type of its own event."""

from __future__ import annotations

from tests.program.helpers import body, cast, make, post


async def _type(client, c, name="Travel", event=None):
    return await make(
        client,
        "faq-types",
        "faq-type",
        {"name": name},
        c.headers("owner"),
        event=("event", event or c.event_id),
    )


async def _faq(client, c, **type_link):
    return await make(
        client,
        "faqs",
        "faq",
        {"question": "Parking?", "answer": "<b>Yes</b>"},
        c.headers("owner"),
        event=("event", c.event_id),
        **type_link,
    )


async def test_a_faq_is_filed_under_a_type_and_read_with_it(client, app_db):
    c = await cast(client, app_db)
    kind = await _type(client, c)

    faq = await _faq(client, c, **{"faq-type": ("faq-type", kind["id"])})
    included = await client.get(f"/v1/faqs/{faq['id']}?include=faq-type")
    listed = await client.get(f"/v1/events/{c.identifier}/faqs?include=faq-type")
    of_type = await client.get(f"/v1/faq-types/{kind['id']}/faqs")
    type_of = await client.get(f"/v1/faqs/{faq['id']}/faq-type")
    types = await client.get(f"/v1/events/{c.identifier}/faq-types?include=faqs")

    assert faq["relationships"]["faq-type"]["data"] == {"type": "faq-type", "id": kind["id"]}
    assert faq["attributes"]["answer"] == "<b>Yes</b>"
    assert included.status_code == 200, included.text
    assert included.json()["included"][0]["attributes"]["name"] == "Travel"
    assert listed.json()["included"] == included.json()["included"]
    assert [f["id"] for f in of_type.json()["data"]] == [faq["id"]]
    assert type_of.json()["data"]["id"] == kind["id"]
    assert types.json()["data"][0]["relationships"]["faqs"]["data"] == [
        {"type": "faq", "id": faq["id"]}
    ]


async def test_the_type_is_optional_and_can_be_changed_or_removed(client, app_db):
    c = await cast(client, app_db)
    first, second = await _type(client, c), await _type(client, c, "Venue")
    faq = await _faq(client, c)
    url = f"/v1/faqs/{faq['id']}"

    moved = await client.patch(
        url,
        json=body("faq", {}, id_=faq["id"], **{"faq-type": ("faq-type", first["id"])}),
        headers=c.headers("coorganizer"),
    )
    relinked = await client.patch(
        f"{url}/relationships/faq-type",
        json={"data": {"type": "faq-type", "id": second["id"]}},
        headers=c.headers("owner"),
    )
    after_relink = await client.get(url)
    removed = await client.patch(
        url,
        json=body("faq", {}, id_=faq["id"], **{"faq-type": ("faq-type", None)}),
        headers=c.headers("owner"),
    )

    assert faq["relationships"]["faq-type"]["data"] is None
    assert moved.json()["data"]["relationships"]["faq-type"]["data"]["id"] == first["id"]
    assert relinked.status_code == 200, relinked.text
    assert after_relink.json()["data"]["relationships"]["faq-type"]["data"]["id"] == second["id"]
    assert removed.json()["data"]["relationships"]["faq-type"]["data"] is None
    assert (await client.get(f"{url}/faq-type")).status_code == 404


async def test_deleting_a_type_keeps_its_faqs(client, app_db):
    c = await cast(client, app_db)
    kind = await _type(client, c)
    faq = await _faq(client, c, **{"faq-type": ("faq-type", kind["id"])})

    deleted = await client.delete(f"/v1/faq-types/{kind['id']}", headers=c.headers("owner"))

    assert deleted.status_code == 200, deleted.text
    shown = await client.get(f"/v1/faqs/{faq['id']}")
    assert shown.status_code == 200
    assert shown.json()["data"]["relationships"]["faq-type"]["data"] is None


async def test_a_faq_is_not_filed_under_another_events_type(client, app_db):
    c = await cast(client, app_db)
    events = await client.get("/v1/events", headers=c.headers("stranger"))
    other = next(e["id"] for e in events.json()["data"] if e["id"] != c.event_id)
    foreign = await make(
        client,
        "faq-types",
        "faq-type",
        {"name": "Theirs"},
        c.headers("stranger"),
        event=("event", other),
    )
    faq = await _faq(client, c)

    created = await post(
        client,
        "faqs",
        "faq",
        {"question": "Q?", "answer": "A."},
        c.headers("owner"),
        event=("event", c.event_id),
        **{"faq-type": ("faq-type", foreign["id"])},
    )
    linked = await client.patch(
        f"/v1/faqs/{faq['id']}/relationships/faq-type",
        json={"data": {"type": "faq-type", "id": foreign["id"]}},
        headers=c.headers("owner"),
    )

    assert created.status_code == 422, created.text
    assert created.json()["errors"][0]["source"]["pointer"] == "/data/relationships/faq-type"
    assert linked.status_code == 422, linked.text
    listed = await client.get(f"/v1/events/{c.event_id}/faqs")
    assert listed.json()["meta"]["count"] == 1
    shown = await client.get(f"/v1/faqs/{faq['id']}")
    assert shown.json()["data"]["relationships"]["faq-type"]["data"] is None


async def test_nobody_else_files_a_faq(client, app_db):
    c = await cast(client, app_db)
    kind = await _type(client, c)
    faq = await _faq(client, c)

    for who in ("anonymous", "user", "stranger", "moderator", "track_organizer"):
        response = await client.patch(
            f"/v1/faqs/{faq['id']}/relationships/faq-type",
            json={"data": {"type": "faq-type", "id": kind["id"]}},
            headers=c.headers(who),
        )
        assert response.status_code == 403, (who, response.text)
    shown = await client.get(f"/v1/faqs/{faq['id']}")
    assert shown.json()["data"]["relationships"]["faq-type"]["data"] is None


async def test_a_question_and_answer_are_never_empty(client, app_db):
    c = await cast(client, app_db)
    faq = await _faq(client, c)

    for attributes in (
        {"question": "", "answer": None},
        {"question": None, "answer": "A."},
        {"question": "Q?", "answer": "x" * 20001},
        {"question": "<script>alert(1)</script>", "answer": "A."},
    ):
        created = await post(
            client, "faqs", "faq", attributes, c.headers("owner"), event=("event", c.event_id)
        )
        patched = await client.patch(
            f"/v1/faqs/{faq['id']}",
            json=body("faq", attributes, id_=faq["id"]),
            headers=c.headers("owner"),
        )
        for response in (created, patched):
            assert response.status_code == 422, (attributes, response.text)
            assert response.json()["errors"][0]["source"]["pointer"].startswith("/data/attributes/")
    shown = await client.get(f"/v1/faqs/{faq['id']}")
    assert shown.json()["data"]["attributes"]["question"] == "Parking?"
