"""An event's social links: http(s) addresses only, read with the public event page."""

from __future__ import annotations

import pytest

from tests.program.helpers import body, cast, make, post


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", "ftp://example.com", "", None]
)
async def test_a_link_must_be_an_http_address(link, client, app_db):
    c = await cast(client, app_db)
    made = await make(
        client,
        "social-links",
        "social-link",
        {"name": "Site", "link": "https://ex.example"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    created = await post(
        client,
        "social-links",
        "social-link",
        {"name": "Site", "link": link},
        c.headers("owner"),
        event=("event", c.event_id),
    )
    patched = await client.patch(
        f"/v1/social-links/{made['id']}",
        json=body("social-link", {"link": link}, id_=made["id"]),
        headers=c.headers("owner"),
    )

    for response in (created, patched):
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/link"
    listed = await client.get(f"/v1/events/{c.event_id}/social-links")
    assert [s["attributes"]["link"] for s in listed.json()["data"]] == ["https://ex.example"]


async def test_the_public_event_page_includes_its_social_links(client, app_db):
    c = await cast(client, app_db)
    made = await make(
        client,
        "social-links",
        "social-link",
        {"name": "Twitter", "link": "twitter.com/pycon", "identifier": "twitter"},
        c.headers("owner"),
        event=("event", c.event_id),
    )

    page = await client.get(
        f"/v1/events/{c.identifier}?include=social-links,event-copyright,speakers-call,tax,"
        "owner,organizers,video-stream,custom-forms,group,group.followers,group.followers.user"
    )

    assert page.status_code == 200, page.text
    assert page.json()["data"]["relationships"]["social-links"]["data"] == [
        {"type": "social-link", "id": made["id"]}
    ]
    (link,) = [i for i in page.json()["included"] if i["type"] == "social-link"]
    assert link["attributes"] == {
        "name": "Twitter",
        "link": "https://twitter.com/pycon",
        "identifier": "twitter",
        "deleted-at": None,
    }
