"""Who reads which part of `/v1/settings`: the public boot view, the signed-in view, the admin
view; secrets are never in any of them."""

from __future__ import annotations

from hallway.jsonapi.names import dasherize
from hallway.settings.models import ADMIN_ONLY, PUBLIC, SECRETS
from tests.settings.conftest import body, people, stored

FLAGS = {
    "is-paypal-activated",
    "is-stripe-activated",
    "is-omise-activated",
    "is-alipay-activated",
    "is-paytm-activated",
}
PUBLIC_VIEW = {dasherize(name) for name in PUBLIC} | FLAGS
SIGNED_IN_VIEW = PUBLIC_VIEW | {"android-app-url", "web-app-url"}
ADMIN_VIEW = SIGNED_IN_VIEW | {dasherize(name) for name in ADMIN_ONLY}
SECRET_NAMES = {dasherize(name) for name in SECRETS}


async def test_the_boot_gate_answers_anonymous_callers_with_the_public_view(client, app_db):
    response = await client.get("/v1/settings?cache=true&public=true")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.api+json"
    data = response.json()["data"]
    assert (data["type"], data["id"]) == ("setting", "1")
    attributes = data["attributes"]
    assert set(attributes) == PUBLIC_VIEW
    assert {"app-name", "tagline", "order-expiry-time", "cookie-policy", "frontend-url"} <= set(
        attributes
    )
    assert attributes["app-name"] == (await stored(app_db))["app_name"] == "Hallway"
    assert attributes["order-expiry-time"] == 15
    assert {attributes[flag] for flag in FLAGS} == {False}
    assert "android-app-url" not in attributes and "smtp-host" not in attributes
    assert data["links"]["self"] == "/v1/settings/1"


async def test_without_public_true_an_anonymous_caller_gets_the_same_view(client, app_db):
    plain = await client.get("/v1/settings")
    flagged = await client.get("/v1/settings?public=true")

    assert plain.status_code == flagged.status_code == 200
    assert plain.json()["data"] == flagged.json()["data"]
    assert set(plain.json()["data"]["attributes"]) == PUBLIC_VIEW


async def test_a_signed_in_user_also_reads_the_app_links(client, app_db):
    admin, plain = await people(client, app_db)
    await client.patch(
        "/v1/settings",
        headers=admin,
        json=body(**{"android-app-url": "https://play.example/app", "smtp-host": "mail.example"}),
    )

    attributes = (await client.get("/v1/settings", headers=plain)).json()["data"]["attributes"]

    assert set(attributes) == SIGNED_IN_VIEW
    assert attributes["android-app-url"] == "https://play.example/app"
    assert "smtp-host" not in attributes


async def test_an_admin_reads_every_attribute_but_the_secrets(client, app_db):
    admin, _ = await people(client, app_db)

    attributes = (await client.get("/v1/settings", headers=admin)).json()["data"]["attributes"]

    assert set(attributes) == ADMIN_VIEW
    assert {"smtp-host", "storage-place", "app-environment", "email-service"} <= set(attributes)
    assert not SECRET_NAMES & set(attributes)


async def test_settings_1_is_the_same_document_as_settings(client, app_db):
    admin, plain = await people(client, app_db)

    for headers in ({}, plain, admin):
        collection = await client.get("/v1/settings", headers=headers)
        one = await client.get("/v1/settings/1", headers=headers)
        assert collection.status_code == one.status_code == 200
        assert collection.json()["data"] == one.json()["data"]
        assert one.json()["links"] == {"self": "/v1/settings/1"}
    assert (await client.get("/v1/settings/2")).status_code == 404


async def test_secrets_are_stored_but_never_returned_not_even_to_admins(client, app_db):
    admin, plain = await people(client, app_db)
    secrets = {name: f"secret-{i}-value" for i, name in enumerate(sorted(SECRET_NAMES))}

    patched = await client.patch("/v1/settings", headers=admin, json=body(**secrets))

    assert patched.status_code == 200
    answers = [patched]
    for headers in ({}, plain, admin):
        for url in ("/v1/settings", "/v1/settings/1", "/v1/settings?fields[setting]=app-name"):
            answers.append(await client.get(url, headers=headers))
    for answer in answers:
        assert answer.status_code == 200
        assert not SECRET_NAMES & set(answer.json()["data"]["attributes"])
        assert not any(value in answer.text for value in secrets.values())
    row = await stored(app_db)
    assert row["aws_secret"] == secrets["aws-secret"]
    assert row["smtp_password"] == secrets["smtp-password"]


async def test_a_secret_cannot_be_asked_for_as_a_sparse_field(client, app_db):
    admin, _ = await people(client, app_db)

    response = await client.get("/v1/settings?fields[setting]=aws-secret", headers=admin)

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "fields[setting]"}


async def test_nothing_can_be_included_with_the_settings(client, app_db):
    response = await client.get("/v1/settings?include=event")

    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "include"}


async def test_a_hidden_field_asked_for_is_left_out_for_callers_who_may_not_see_it(client, app_db):
    admin, plain = await people(client, app_db)
    url = "/v1/settings?fields[setting]=app-name,smtp-host,web-app-url"

    anonymous = (await client.get(url)).json()["data"]["attributes"]
    user = (await client.get(url, headers=plain)).json()["data"]["attributes"]
    staff = (await client.get(url, headers=admin)).json()["data"]["attributes"]

    assert set(anonymous) == {"app-name"}
    assert set(user) == {"app-name", "web-app-url"}
    assert set(staff) == {"app-name", "smtp-host", "web-app-url"}


async def test_the_openapi_document_shows_settings_as_one_object(client):
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert set(paths["/v1/settings"]) == {"get", "patch"}
    assert set(paths["/v1/settings/{id}"]) == {"get", "patch"}
    attributes = paths["/v1/settings"]["patch"]["requestBody"]["content"][
        "application/vnd.api+json"
    ]["schema"]["properties"]["data"]["properties"]["attributes"]["properties"]
    assert "order-expiry-time" in attributes and "smtp-password" in attributes
    assert "is-paypal-activated" not in attributes
