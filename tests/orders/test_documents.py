"""A completed order's PDFs: made by a job after the commit (one ticket per attendee with
its QR code, all tickets together, the invoice), mailed through the outbox to a real SMTP
server, and downloadable by the buyer, the ticket's holder and the event's staff only."""

from __future__ import annotations

import io

import segno
from pypdf import PdfReader
from sqlalchemy import select

from hallway.jobs import enqueue
from hallway.orders.models import Order, OrderDocument
from tests.appfixtures import Mailbox, jwt, login, make_user, settle
from tests.orders.helpers import attendees_of, buy, cart, fill, set_status, shop
from tests.tickets.helpers import count, patch


def _attachments(message) -> dict[str, bytes]:
    return {
        part.get_filename(): part.get_content()
        for part in message.iter_attachments()
        if part.get_content_type() == "application/pdf"
    }


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _qr_modules(pdf: bytes) -> list[list[bool]]:
    """The dark and light modules of the first page's QR code, read off its image."""
    image = PdfReader(io.BytesIO(pdf)).pages[0].images[0].image.convert("L")
    size = image.width // 6  # segno's scale: 6 pixels a module, with a 2-module border
    return [
        [image.getpixel((x * 6 + 3, y * 6 + 3)) < 128 for x in range(2, size - 2)]
        for y in range(2, size - 2)
    ]


def _expected_modules(payload: str) -> list[list[bool]]:
    return [[bool(bit) for bit in row] for row in segno.make(payload, error="m").matrix]


async def _two_attendees_completed(client, s):
    made = await buy(client, s.c.tokens["user"], cart((s.free, 2)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    attendees = await attendees_of(client, s.c.tokens["user"], identifier)
    grace = attendees[1]
    changed = await client.patch(
        f"/v1/attendees/{grace['id']}",
        json=patch(
            "attendee", grace["id"], firstname="Grace", lastname="Hopper", email="grace@example.com"
        ),
        headers=s.jwt("user"),
    )
    assert changed.status_code == 200, changed.text
    done = await set_status(client, s.c.tokens["user"], identifier, "completed")
    assert done.status_code == 200, done.text
    await settle()
    return identifier, grace


async def test_a_completed_order_mails_its_tickets_and_invoice(client, app_db, mailbox):
    s = await shop(client, app_db)
    identifier, grace = await _two_attendees_completed(client, s)
    code = f"{identifier}-{grace['attributes']['identifier']}"

    to_buyer = _attachments(mailbox.to("user@example.com")[-1])
    to_grace = _attachments(mailbox.to("grace@example.com")[-1])

    assert set(to_buyer) == {f"tickets-{identifier}.pdf", f"invoice-{identifier}.pdf"}
    tickets = _text(to_buyer[f"tickets-{identifier}.pdf"])
    assert "Ada Lovelace" in tickets and "Grace Hopper" in tickets and identifier in tickets
    invoice = _text(to_buyer[f"invoice-{identifier}.pdf"])
    assert identifier in invoice and "user@example.com" in invoice and "Invoice" in invoice
    assert list(to_grace) == [f"ticket-{code}.pdf"]
    ticket = to_grace[f"ticket-{code}.pdf"]
    assert "Grace Hopper" in _text(ticket) and identifier in _text(ticket)
    assert "Ada Lovelace" not in _text(ticket)
    assert _qr_modules(ticket) == _expected_modules(code)
    assert "Show this code" in Mailbox.text(mailbox.to("grace@example.com")[-1])


async def test_the_documents_are_made_once_and_linked_from_the_order(client, app_db, mailbox):
    s = await shop(client, app_db)
    identifier, grace = await _two_attendees_completed(client, s)
    async with app_db.sessions() as session:
        order = await session.scalar(select(Order).where(Order.identifier == identifier))
    sent = len(mailbox.messages)

    await enqueue("orders.documents", order.id)
    await settle()

    assert order.completed_at is not None
    assert await count(app_db, OrderDocument, OrderDocument.order_id == order.id) == 4
    assert len(mailbox.messages) == sent
    shown = await client.get(f"/v1/orders/{identifier}", headers=s.jwt("user"))
    url = shown.json()["data"]["attributes"]["tickets-pdf-url"]
    assert url.endswith(f"/v1/orders/{identifier}/tickets-pdf")
    holder = await client.get(f"/v1/attendees/{grace['id']}", headers=s.jwt("user"))
    assert holder.json()["data"]["attributes"]["pdf-url"].endswith(
        f"/v1/orders/attendees/{grace['id']}.pdf"
    )


async def test_who_may_download_the_pdfs(client, app_db):
    s = await shop(client, app_db)
    identifier, grace = await _two_attendees_completed(client, s)
    await make_user(app_db, "grace@example.com")
    grace_token = await login(client, "grace@example.com")
    paths = {
        "tickets": f"/v1/orders/{identifier}/tickets-pdf",
        "invoice": f"/v1/orders/invoices/{identifier}",
        "ticket": f"/v1/orders/attendees/{grace['id']}.pdf",
    }

    def get(path, token):
        return client.get(path, headers=jwt(token))

    for who in ("user", "owner", "registrar", "admin"):
        for name, path in paths.items():
            answer = await get(path, s.c.tokens[who])
            assert answer.status_code == 200, (who, name, answer.text)
            assert answer.headers["content-type"] == "application/pdf"
            assert answer.content.startswith(b"%PDF")
    for who in ("stranger", "moderator"):
        for path in paths.values():
            assert (await get(path, s.c.tokens[who])).status_code == 404, (who, path)
    assert (await get(paths["ticket"], grace_token)).status_code == 200
    assert (await get(paths["tickets"], grace_token)).status_code == 404
    assert (await get(paths["invoice"], grace_token)).status_code == 404
    for path in paths.values():
        anonymous = await client.get(path)
        assert anonymous.status_code == 401 and "errors" in anonymous.json()
    assert (await get("/v1/orders/attendees/abc.pdf", s.c.tokens["user"])).status_code == 404


async def test_an_order_not_completed_has_no_documents(client, app_db, mailbox):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    await set_status(client, s.c.tokens["user"], identifier, "placed", **{"payment-mode": "onsite"})
    await settle()

    missing = await client.get(f"/v1/orders/{identifier}/tickets-pdf", headers=s.jwt("user"))

    assert missing.status_code == 404
    assert await count(app_db, OrderDocument) == 0
    placed_mail = mailbox.to("user@example.com")[-1]
    assert _attachments(placed_mail) == {}


async def test_confirming_an_offline_payment_makes_and_mails_the_documents(client, app_db, mailbox):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    await set_status(client, s.c.tokens["user"], identifier, "placed", **{"payment-mode": "onsite"})
    await settle()

    by_buyer = await set_status(client, s.c.tokens["user"], identifier, "completed")
    confirmed = await set_status(client, s.c.tokens["coorganizer"], identifier, "completed")
    await settle()

    assert by_buyer.status_code == 403
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["data"]["attributes"]["completed-at"] is not None
    pdfs = _attachments(mailbox.to("user@example.com")[-1])
    assert set(pdfs) == {f"tickets-{identifier}.pdf", f"invoice-{identifier}.pdf"}
    assert "25.00 EUR" in _text(pdfs[f"invoice-{identifier}.pdf"])


async def test_an_on_site_sale_gets_its_documents_too(client, app_db, mailbox):
    s = await shop(client, app_db)
    document = {
        "data": {
            "type": "order",
            "attributes": {
                "payment-mode": "onsite",
                "status": "completed",
                "on-site-tickets": [{"id": s.paid["id"], "quantity": 2}],
            },
            "relationships": {"event": {"data": {"type": "event", "id": s.c.event["id"]}}},
        }
    }

    sold = await client.post(
        "/v1/orders?onsite=true", json=document, headers=jwt(s.c.tokens["organizer"])
    )
    await settle()

    assert sold.status_code == 201, sold.text
    identifier = sold.json()["data"]["attributes"]["identifier"]
    pdf = await client.get(f"/v1/orders/{identifier}/tickets-pdf", headers=s.jwt("registrar"))
    assert pdf.status_code == 200
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 2
    mailed = _attachments(mailbox.to("organizer@example.com")[-1])
    assert f"invoice-{identifier}.pdf" in mailed


async def test_the_sweep_makes_the_documents_a_lost_job_did_not(client, app_db, mailbox):
    s = await shop(client, app_db)
    identifier, _ = await _two_attendees_completed(client, s)
    async with app_db.sessions() as session, session.begin():
        order = await session.scalar(select(Order).where(Order.identifier == identifier))
        order.tickets_pdf_url = None  # as if the job had never run
        for document in await session.scalars(select(OrderDocument)):
            await session.delete(document)
    mailbox.messages.clear()

    await enqueue("orders.documents_sweep")
    await settle()

    assert await count(app_db, OrderDocument) == 4
    assert set(_attachments(mailbox.to("user@example.com")[-1])) == {
        f"tickets-{identifier}.pdf",
        f"invoice-{identifier}.pdf",
    }


async def test_receipts_sent_again_carry_the_tickets(client, app_db, mailbox):
    s = await shop(client, app_db)
    identifier, grace = await _two_attendees_completed(client, s)
    mailbox.messages.clear()

    sent = await client.post(
        "/v1/attendees/send-receipt",
        json={"order-identifier": identifier},
        headers=s.jwt("registrar"),
    )
    await settle()

    assert sent.status_code == 200, sent.text
    code = f"{identifier}-{grace['attributes']['identifier']}"
    assert list(_attachments(mailbox.to("grace@example.com")[-1])) == [f"ticket-{code}.pdf"]
    assert len(_attachments(mailbox.to("ada@example.com")[-1])) == 1
