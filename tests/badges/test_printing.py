"""Printing badges: the event's staff start the job (`GET /v1/badge-forms/print-badge-pdf`),
follow it at `/v1/tasks/{id}` and download the PDF it made, one badge per attendee of a
completed order, drawn where the form says. Nobody else starts it or reads the PDF."""

from __future__ import annotations

import base64
import io

from PIL import Image

from hallway.badges.models import BadgePdf
from tests.badges.helpers import FORM, NAME_FIELD, attendees, badges, finished
from tests.badges.rendering import page_count, page_size, pixel, qr_codes, text_box
from tests.tickets.helpers import count, patch

PRINT = "/v1/badge-forms/print-badge-pdf"


async def _printed(client, b, query: str, who: str = "registrar") -> bytes:
    started = await client.get(f"{PRINT}?{query}", headers=b.jwt(who))
    assert started.status_code == 200, started.text
    state = await finished(client, started.json()["task_url"])
    assert state["state"] == "SUCCESS", state
    url = state["result"]["download_url"]
    pdf = await client.get(url[url.index("/v1/") :], headers=b.jwt(who))
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    return pdf.content


async def test_the_staff_print_a_badge_per_attendee(client, app_db):
    b = await badges(client, app_db)
    sold = await attendees(client, b, quantity=3)

    everyone = await _printed(client, b, f"event_id={b.event_id}")
    of_ticket = await _printed(client, b, f"ticket_id={b.s.free['id']}", who="owner")
    one = await _printed(client, b, f"attendee_id={sold[1]['id']}", who="admin")

    assert (page_count(everyone), page_count(of_ticket), page_count(one)) == (3, 3, 1)
    assert [round(side, 1) for side in page_size(one)] == [101.6, 152.4]
    assert await count(app_db, BadgePdf) == 3


async def test_a_badge_shows_the_name_and_qr_code_where_the_form_says(client, app_db):
    b = await badges(client, app_db)
    (attendee,) = await attendees(client, b)
    order = (
        await client.get(f"/v1/attendees/{attendee['id']}?include=order", headers=b.jwt("owner"))
    ).json()
    code = (
        f"{order['included'][0]['attributes']['identifier']}-{attendee['attributes']['identifier']}"
    )

    pdf = await _printed(client, b, f"attendee_id={attendee['id']}")

    name = text_box(pdf, "Ada Lovelace")
    assert name is not None
    # 5 mm from the top, the field's 20 mm margin, a 24 pt line (10.6 mm), centred.
    line_top, line_bottom = 5 + NAME_FIELD["margin_top"], 5 + 20 + 24 * 25.4 / 72 * 1.25
    assert line_top <= name.top and name.bottom <= line_bottom
    assert abs(name.centre[0] - 101.6 / 2) < 1.5
    ((text, qr),) = qr_codes(pdf)
    assert text == code
    # Below the name (its 5 mm bottom margin and the QR field's 5 mm top margin), centred,
    # 45% of the badge's width.
    qr_top = line_bottom + 5 + 5
    assert qr_top <= qr.top <= qr_top + 5
    assert abs(qr.centre[0] - 101.6 / 2) < 1.5
    assert 101.6 * 0.45 * 0.8 <= qr.right - qr.left <= 101.6 * 0.45


async def test_only_the_staff_print_badges(client, app_db):
    b = await badges(client, app_db)
    (attendee,) = await attendees(client, b)
    query = f"{PRINT}?attendee_id={attendee['id']}"

    anonymous = await client.get(query)
    refused = [
        (await client.get(query, headers=b.jwt(who))).status_code
        for who in ("user", "stranger", "moderator")
    ]
    on_the_other_event = await client.get(
        f"{PRINT}?event_id={b.s.c.other['id']}", headers=b.jwt("owner")
    )

    assert anonymous.status_code == 401
    assert refused == [403, 403, 403]
    assert on_the_other_event.status_code == 403
    assert await count(app_db, BadgePdf) == 0


async def test_only_the_staff_download_the_pdf(client, app_db):
    b = await badges(client, app_db)
    await attendees(client, b)
    started = await client.get(f"{PRINT}?event_id={b.event_id}", headers=b.jwt("coorganizer"))
    url = (await finished(client, started.json()["task_url"]))["result"]["download_url"]
    path = url[url.index("/v1/") :]

    anonymous = await client.get(path)
    others = [
        (await client.get(path, headers=b.jwt(who))).status_code
        for who in ("user", "stranger", "moderator")
    ]

    assert anonymous.status_code == 401
    assert others == [404, 404, 404]
    assert (await client.get(path, headers=b.jwt("registrar"))).status_code == 200


async def test_printing_asks_for_something_to_print(client, app_db):
    b = await badges(client, app_db)
    answers = {
        query: (await client.get(f"{PRINT}?{query}", headers=b.jwt("owner"))).status_code
        for query in ("", "attendee_id=abc", "attendee_id=999999", "ticket_id=-1", "event_id=nope")
    }
    assert answers == {
        "": 422,
        "attendee_id=abc": 422,
        "attendee_id=999999": 404,
        "ticket_id=-1": 422,
        "event_id=nope": 404,
    }


async def test_a_preview_draws_the_forms_sent(client, app_db):
    b = await badges(client, app_db)
    form = {
        "badgeID": "draft",
        "badgeSize": "3 x 4 inch (76.2 x 101.6mm )",
        "badgeOrientation": "Landscape",
        "badgeColor": "#ffeecc",
        "badgeFields": FORM["badge-fields"],
    }
    preview = await client.post(
        "/v1/badge-forms/preview-badge-pdf", json={"badgeForms": [form]}, headers=b.jwt("owner")
    )
    anonymous = await client.post("/v1/badge-forms/preview-badge-pdf", json={"badgeForms": [form]})
    bad = await client.post(
        "/v1/badge-forms/preview-badge-pdf",
        json={"badgeForms": [{**form, "badgeFields": [{"font_size": "huge"}]}]},
        headers=b.jwt("owner"),
    )

    assert preview.status_code == 200, preview.text
    assert [round(side, 1) for side in page_size(preview.content)] == [101.6, 76.2]
    assert text_box(preview.content, "Sample Name") is not None
    assert anonymous.status_code == 401
    assert bad.status_code == 422


async def test_a_badge_is_drawn_on_the_uploaded_background(client, app_db):
    b = await badges(client, app_db)
    await attendees(client, b)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 600), (200, 30, 40)).save(buffer, format="PNG")
    image = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    uploaded = await client.post("/v1/upload/image", json={"data": image}, headers=b.jwt("owner"))
    url = uploaded.json()["url"]
    changed = await client.patch(
        f"/v1/badge-forms/{b.form['id']}",
        json=patch("badge-form", b.form["id"], badge_image_url=url),
        headers=b.jwt("owner"),
    )

    pdf = await _printed(client, b, f"event_id={b.event_id}")

    assert changed.status_code == 200, changed.text
    red, green, blue = pixel(pdf, 3, 3)[:3]
    assert red > 150 and green < 80 and blue < 80
    assert [text for text, _ in qr_codes(pdf)] != []  # the code still reads on the image
