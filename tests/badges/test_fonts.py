"""Custom fonts: the event's organizers upload a TrueType or OpenType font
(`POST /v1/events/{id}/badge-fonts`) and a field naming it is drawn with it. Anything that
does not parse as a font is refused; nobody else uploads one."""

from __future__ import annotations

import base64
import io
import math

from hallway.badges.models import BadgeFont
from tests.badges.helpers import NAME_FIELD, attendees, badges, finished
from tests.badges.rendering import ink
from tests.tickets.helpers import count, patch


def _font() -> bytes:
    """A small TrueType font made here: a box for every capital and small letter."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    letters = [chr(c) for c in (*range(65, 91), *range(97, 123))]
    names = [".notdef", "space", *letters]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space", **{ord(c): c for c in letters}})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "space":
            pen.moveTo((50, 0)), pen.lineTo((50, 700)), pen.lineTo((550, 700))
            pen.lineTo((550, 0)), pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (600, 50) for name in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Boxes", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def _upload(name: str, content: bytes) -> dict[str, str]:
    return {"name": name, "data": base64.b64encode(content).decode()}


async def test_an_uploaded_font_draws_the_badges(client, app_db):
    b = await badges(client, app_db)
    await attendees(client, b)
    path = f"/v1/events/{b.event_id}/badge-fonts"

    uploaded = await client.post(path, json=_upload("Boxes", _font()), headers=b.jwt("organizer"))
    fields = [{**NAME_FIELD, "font_name": "Boxes"}]
    changed = await client.patch(
        f"/v1/badge-forms/{b.form['id']}",
        json=patch("badge-form", b.form["id"], badge_fields=fields),
        headers=b.jwt("owner"),
    )
    started = await client.get(
        f"/v1/badge-forms/print-badge-pdf?event_id={b.event_id}", headers=b.jwt("owner")
    )
    state = await finished(client, started.json()["task_url"])
    url = state["result"]["download_url"]
    pdf = (await client.get(url[url.index("/v1/") :], headers=b.jwt("owner"))).content

    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["name"] == "Boxes"
    assert changed.status_code == 200, changed.text
    assert b"Boxes" in pdf  # the font is embedded
    assert await count(app_db, BadgeFont) == 1


def _content(pdf: bytes) -> bytes:
    """The first page's drawing operators, decompressed."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()  # type: ignore[union-attr]


async def _printed_with(client, b, **field) -> bytes:
    fields = [{**NAME_FIELD, "font_name": "Boxes", "font_size": 30, **field}]
    changed = await client.patch(
        f"/v1/badge-forms/{b.form['id']}",
        json=patch("badge-form", b.form["id"], badge_fields=fields),
        headers=b.jwt("owner"),
    )
    assert changed.status_code == 200, changed.text
    started = await client.get(
        f"/v1/badge-forms/print-badge-pdf?event_id={b.event_id}", headers=b.jwt("owner")
    )
    state = await finished(client, started.json()["task_url"])
    url = state["result"]["download_url"]
    return (await client.get(url[url.index("/v1/") :], headers=b.jwt("owner"))).content


async def test_an_uploaded_font_is_drawn_bold_when_the_field_says_so(client, app_db):
    """An uploaded font has one face: bold is drawn by stroking its outlines too."""
    b = await badges(client, app_db)
    await attendees(client, b)
    path = f"/v1/events/{b.event_id}/badge-fonts"
    uploaded = await client.post(path, json=_upload("Boxes", _font()), headers=b.jwt("owner"))
    assert uploaded.status_code == 201, uploaded.text

    plain = await _printed_with(client, b, font_weight=[])
    bold = await _printed_with(client, b)  # NAME_FIELD's weight is bold
    slanted = await _printed_with(client, b, font_weight=[{"font_style": "italic"}])

    assert ink(bold) - ink(plain) > 1000  # the strokes widen every box
    assert b"2 Tr" in _content(bold) and b"2 Tr" not in _content(plain)  # fill and stroke
    slant = f"{math.tan(math.radians(12)):.2f}".encode()  # the skew matrix's tangent
    assert slant in _content(slanted) and slant not in _content(plain)


async def test_what_is_not_a_font_is_refused(client, app_db):
    b = await badges(client, app_db)
    path = f"/v1/events/{b.event_id}/badge-fonts"
    font = _font()
    answers = [
        await client.post(
            path, json=_upload("Fake", b"\x00\x01\x00\x00" + b"\x00" * 200), headers=b.jwt("owner")
        ),
        await client.post(
            path, json=_upload("Png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), headers=b.jwt("owner")
        ),
        await client.post(
            path, json=_upload("Cut", font[: len(font) // 2]), headers=b.jwt("owner")
        ),
        await client.post(path, json={"name": "NoData"}, headers=b.jwt("owner")),
        await client.post(path, json={"name": "Bad", "data": "%%%"}, headers=b.jwt("owner")),
        await client.post(path, json=_upload("../etc", font), headers=b.jwt("owner")),
    ]

    assert [a.status_code for a in answers] == [415, 415, 415, 422, 422, 422]
    assert all(a.json()["errors"][0]["detail"] for a in answers)
    assert await count(app_db, BadgeFont) == 0


async def test_only_organizers_upload_fonts(client, app_db):
    b = await badges(client, app_db)
    path = f"/v1/events/{b.event_id}/badge-fonts"
    body = _upload("Boxes", _font())

    anonymous = await client.post(path, json=body)
    refused = [
        (await client.post(path, json=body, headers=b.jwt(who))).status_code
        for who in ("registrar", "user", "stranger")
    ]

    assert anonymous.status_code == 401
    assert refused == [403, 403, 403]
    assert await count(app_db, BadgeFont) == 0
