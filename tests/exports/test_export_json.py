"""The JSON export of an event: a job whose state and progress `/v1/tasks/{id}` shows, a zip
of one JSON file per service, read only by those who may export the event."""

from __future__ import annotations

import io
import zipfile

from tests.appfixtures import jwt, login, make_user
from tests.exports.helpers import exported, finished, unzip
from tests.program.helpers import grant
from tests.sessions.helpers import accepted_talk, change, program


async def test_the_owner_exports_an_event_as_a_zip(client, app_db):
    c = await program(client, app_db)
    profile, talk = await accepted_talk(client, c)

    files = unzip(await exported(client, c.event_id, c.headers("owner")))

    assert files["event"]["identifier"] == c.identifier
    assert [row["title"] for row in files["sessions"]] == [talk["attributes"]["title"]]
    assert [row["name"] for row in files["speakers"]] == [profile["attributes"]["name"]]
    assert files["speakers_sessions"] == [
        {"speaker_id": int(profile["id"]), "session_id": int(talk["id"])}
    ]
    assert len(files["speakers_call"]) == 1 and files["custom_forms"]
    for name in ("tracks", "microlocations", "sponsors", "session_types", "tickets", "faqs"):
        assert isinstance(files[name], list), name


async def test_the_task_shows_waiting_then_success_with_the_download(client, app_db):
    c = await program(client, app_db)
    started = await client.post(
        f"/v1/events/{c.identifier}/export/json", json={"image": True}, headers=c.headers("owner")
    )
    assert started.status_code == 200, started.text
    url = started.json()["task_url"]
    assert url.startswith("/v1/tasks/")
    first = await client.get(url, headers=c.headers("owner"))
    assert first.status_code == 200
    assert first.json()["state"] in ("WAITING", "SUCCESS")
    if first.json()["state"] == "WAITING":
        assert 0 <= first.json()["result"]["progress"] <= 100
    status = await finished(client, url, c.headers("owner"))
    assert status["state"] == "SUCCESS"
    assert status["result"]["download_url"].startswith(f"/v1/events/{c.event_id}/exports/")
    # A co-organizer and an admin may read it too.
    for who in ("coorganizer", "admin"):
        download = await client.get(status["result"]["download_url"], headers=c.headers(who))
        assert download.status_code == 200, who
        assert download.headers["content-type"] == "application/zip"


async def test_who_may_not_export(client, app_db):
    c = await program(client, app_db)
    person = await make_user(app_db, "registrar@example.com")
    await grant(app_db, int(c.event_id), person.id, "registrar")
    registrar = await login(client, "registrar@example.com")
    url = f"/v1/events/{c.event_id}/export/json"
    assert (await client.post(url, json={})).status_code == 401
    for headers in (c.headers("user"), c.headers("stranger"), c.headers("moderator"),
                    c.headers("track_organizer"), jwt(registrar)):  # fmt: skip
        response = await client.post(url, json={}, headers=headers)
        assert response.status_code == 403, response.text
        assert response.json()["errors"][0]["status"] == 403


async def test_who_may_not_read_the_task_or_the_file(client, app_db):
    c = await program(client, app_db)
    started = await client.post(
        f"/v1/events/{c.event_id}/export/json", json={}, headers=c.headers("owner")
    )
    url = started.json()["task_url"]
    status = await finished(client, url, c.headers("owner"))
    linked = status["result"]["download_url"]
    download, _, token = linked.partition("?token=")
    assert (await client.get(url)).status_code == 404
    assert (await client.get(download)).status_code == 401
    tampered = token[:-1] + ("1" if token.endswith("0") else "0")
    assert (await client.get(f"{download}?token={tampered}")).status_code == 401
    assert (await client.get(f"{download}?token=1.{token}")).status_code == 401
    for who in ("user", "stranger", "moderator"):
        assert (await client.get(url, headers=c.headers(who))).status_code == 404, who
        assert (await client.get(download, headers=c.headers(who))).status_code == 404, who
    # The file is read under its own event only.
    other = download.replace(f"/events/{c.event_id}/", "/events/999999/")
    assert (await client.get(other, headers=c.headers("owner"))).status_code == 404


async def test_the_link_of_the_task_downloads_without_a_jwt(client, app_db):
    """The frontend navigates to the download URL: its token stands for the JWT, for that
    file only."""
    c = await program(client, app_db)
    urls = []
    for what in ("orders", "attendees"):
        started = await client.get(
            f"/v1/events/{c.event_id}/export/{what}/csv", headers=c.headers("owner")
        )
        status = await finished(client, started.json()["task_url"], c.headers("owner"))
        urls.append(status["result"]["download_url"])
    response = await client.get(urls[0])
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"Order,")
    # One file's token does not open another.
    path, _, _ = urls[1].partition("?")
    borrowed = f"{path}?{urls[0].partition('?')[2]}"
    assert (await client.get(borrowed)).status_code == 401


async def test_bad_export_options_are_refused(client, app_db):
    c = await program(client, app_db)
    url = f"/v1/events/{c.event_id}/export/json"
    bad = await client.post(url, json={"image": "yes"}, headers=c.headers("owner"))
    assert bad.status_code == 422, bad.text
    not_json = await client.post(url, content=b"{", headers=c.headers("owner"))
    assert not_json.status_code == 400, not_json.text
    missing = await client.post(
        "/v1/events/999999/export/json", json={}, headers=c.headers("owner")
    )
    assert missing.status_code == 404


async def test_asked_for_media_of_local_uploads_go_into_the_zip(client, app_db):
    c = await program(client, app_db)
    _, talk = await accepted_talk(client, c)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    auth = {"Authorization": c.headers("owner")["Authorization"]}
    uploaded = await client.post(
        "/v1/upload/files", files={"file": ("slides.pdf", pdf, "application/pdf")}, headers=auth
    )
    assert uploaded.status_code == 200, uploaded.text
    url = uploaded.json()["url"]
    patched = await change(client, c, "owner", talk["id"], **{"slides-url": url})
    assert patched.status_code == 200, patched.text
    names = {}
    for options in ({"document": True}, {"image": True, "document": False}):
        started = await client.post(
            f"/v1/events/{c.event_id}/export/json", json=options, headers=c.headers("owner")
        )
        status = await finished(client, started.json()["task_url"], c.headers("owner"))
        download = await client.get(status["result"]["download_url"])
        with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
            names[str(options)] = {n for n in archive.namelist() if n.startswith("media/")}
            media = [archive.read(n) for n in names[str(options)]]
        assert all(data == pdf for data in media)
    key = url.split("/static/media/", 1)[1]
    assert names[str({"document": True})] == {f"media/{key}"}
    assert names[str({"image": True, "document": False})] == set()


async def test_the_download_link_is_on_the_api_public_address(app, client, app_db):
    """The export page fetches the link as an outside address, from the frontend's origin: it
    names the API's public address when one is set."""
    app.state.settings = app.state.settings.model_copy(
        update={"public_url": "https://api.events.example/"}
    )
    c = await program(client, app_db)
    started = await client.post(
        f"/v1/events/{c.event_id}/export/json", json={}, headers=c.headers("owner")
    )
    status = await finished(client, started.json()["task_url"], c.headers("owner"))
    linked = status["result"]["download_url"]

    prefix = f"https://api.events.example/v1/events/{c.event_id}/exports/"
    assert linked.startswith(prefix), linked
    download = await client.get(linked.removeprefix("https://api.events.example"))
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
