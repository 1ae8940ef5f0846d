"""Changing the settings: admins only, validated, one row forever."""

from __future__ import annotations

import pytest

from tests.settings.conftest import ANONYMOUS, body, people, row_count, stored


async def test_an_admin_changes_the_settings(client, app_db):
    admin, _ = await people(client, app_db)

    response = await client.patch(
        "/v1/settings",
        headers=admin,
        json=body(
            **{
                "app-name": "Convene",
                "order-expiry-time": 30,
                "frontend-url": "https://tickets.example",
                "email-service": "smtp",
                "is-stripe-activated": True,  # computed: ignored
            }
        ),
    )

    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["app-name"] == "Convene" and attributes["order-expiry-time"] == 30
    assert attributes["email-service"] == "smtp" and attributes["is-stripe-activated"] is False
    public = (await client.get("/v1/settings")).json()["data"]["attributes"]
    assert public["frontend-url"] == "https://tickets.example"
    row = await stored(app_db)
    assert (row["app_name"], row["order_expiry_time"], row["email_service"]) == (
        "Convene",
        30,
        "smtp",
    )


async def test_settings_1_is_changed_like_settings(client, app_db):
    admin, _ = await people(client, app_db)

    response = await client.patch("/v1/settings/1", headers=admin, json=body(tagline="Meet up"))

    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["tagline"] == "Meet up"
    assert (await stored(app_db))["tagline"] == "Meet up"


async def test_anonymous_callers_are_asked_to_sign_in_and_nothing_changes(client, app_db):
    before = await stored(app_db)

    for url in ("/v1/settings", "/v1/settings/1"):
        response = await client.patch(url, headers=ANONYMOUS, json=body(**{"app-name": "Mine"}))
        assert response.status_code == 401, url
        assert response.json()["errors"][0]["status"] == 401
    assert await stored(app_db) == before


async def test_plain_users_are_refused_even_with_bad_values_and_nothing_changes(client, app_db):
    _, plain = await people(client, app_db)
    before = await stored(app_db)

    for attributes in ({"app-name": "Mine"}, {"order-expiry-time": -5}, {"aws-key": "x"}):
        response = await client.patch("/v1/settings", headers=plain, json=body(**attributes))
        assert response.status_code == 403, attributes
        assert response.json()["errors"][0]["title"] == "Access Forbidden"
    assert await stored(app_db) == before


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("order-expiry-time", 0),
        ("order-expiry-time", "soon"),
        ("order-expiry-time", None),
        ("app-name", None),
        ("app-name", ""),
        ("frontend-url", "ftp://files.example"),
        ("frontend-url", "javascript:alert(1)"),
        ("email-service", "pigeon"),
        ("paypal-mode", "development"),
        ("smtp-port", 70000),
        ("invoice-sending-timezone", "Mars/Olympus"),
        ("is-google-recaptcha-enabled", None),
    ],
)
async def test_a_bad_value_is_a_422_naming_it_and_nothing_changes(client, app_db, attribute, value):
    admin, _ = await people(client, app_db)
    before = await stored(app_db)

    response = await client.patch(
        "/v1/settings", headers=admin, json=body(**{"tagline": "Changed", attribute: value})
    )

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["source"] == {"pointer": f"/data/attributes/{attribute}"}
    assert await stored(app_db) == before


async def test_a_document_for_another_id_or_type_is_refused(client, app_db):
    admin, _ = await people(client, app_db)
    before = await stored(app_db)

    other_id = await client.patch("/v1/settings", headers=admin, json=body("2", tagline="x"))
    no_id = await client.patch("/v1/settings", headers=admin, json=body(None, tagline="x"))
    wrong_type = await client.patch(
        "/v1/settings",
        headers=admin,
        json={"data": {"type": "event", "id": "1", "attributes": {"tagline": "x"}}},
    )

    assert (other_id.status_code, no_id.status_code, wrong_type.status_code) == (409, 400, 409)
    assert await stored(app_db) == before


async def test_a_null_secret_keeps_the_stored_one_and_an_empty_one_clears_it(client, app_db):
    admin, _ = await people(client, app_db)
    await client.patch(
        "/v1/settings", headers=admin, json=body(**{"aws-key": "AKIA", "aws-secret": "s3"})
    )

    response = await client.patch(
        "/v1/settings", headers=admin, json=body(**{"aws-key": None, "aws-secret": ""})
    )

    assert response.status_code == 200
    row = await stored(app_db)
    assert (row["aws_key"], row["aws_secret"]) == ("AKIA", None)


@pytest.mark.parametrize(
    ("flag", "credentials", "other_mode"),
    [
        (
            "is-paypal-activated",
            {"paypal-mode": "sandbox", "paypal-sandbox-client": "c", "paypal-sandbox-secret": "s"},
            {"paypal-mode": "live"},
        ),
        (
            "is-omise-activated",
            {"omise-mode": "live", "omise-live-public": "p", "omise-live-secret": "s"},
            {"omise-mode": "test"},
        ),
        (
            "is-paytm-activated",
            {"paytm-mode": "test", "paytm-sandbox-merchant": "m", "paytm-sandbox-secret": "s"},
            {"paytm-mode": "live"},
        ),
    ],
)
async def test_a_gateway_is_activated_by_the_credentials_of_its_current_mode(
    client, app_db, flag, credentials, other_mode
):
    admin, _ = await people(client, app_db)

    configured = await client.patch("/v1/settings", headers=admin, json=body(**credentials))
    public = (await client.get("/v1/settings")).json()["data"]["attributes"]
    switched = await client.patch("/v1/settings", headers=admin, json=body(**other_mode))

    assert configured.json()["data"]["attributes"][flag] is True
    assert public[flag] is True
    assert switched.json()["data"]["attributes"][flag] is False


async def test_stripe_and_alipay_are_activated_once_every_key_is_set(client, app_db):
    admin, _ = await people(client, app_db)
    stripe = {"stripe-client-id": "ca_1", "stripe-publishable-key": "pk_1"}
    alipay = {"alipay-publishable-key": "pk_2"}

    partial = await client.patch("/v1/settings", headers=admin, json=body(**stripe, **alipay))
    complete = await client.patch(
        "/v1/settings",
        headers=admin,
        json=body(**{"stripe-secret-key": "sk_1", "alipay-secret-key": "sk_2"}),
    )

    first, second = partial.json()["data"]["attributes"], complete.json()["data"]["attributes"]
    assert (first["is-stripe-activated"], first["is-alipay-activated"]) == (False, False)
    assert (second["is-stripe-activated"], second["is-alipay-activated"]) == (True, True)


async def test_settings_are_never_created_or_deleted(client, app_db):
    admin, _ = await people(client, app_db)
    before = await stored(app_db)

    answers = [
        await client.post("/v1/settings", headers=admin, json=body(None, tagline="two")),
        await client.delete("/v1/settings", headers=admin),
        await client.delete("/v1/settings/1", headers=admin),
        await client.post("/v1/settings/1", headers=admin, json=body(tagline="two")),
    ]

    for answer in answers:
        assert answer.status_code == 405
        assert answer.headers["content-type"] == "application/vnd.api+json"
        assert answer.json()["errors"][0]["status"] == 405
    assert answers[0].headers["allow"] == "GET, PATCH"
    assert await row_count(app_db) == 1
    assert await stored(app_db) == before


async def test_an_if_match_from_a_get_of_the_same_url_lets_the_change_through(client, app_db):
    admin, _ = await people(client, app_db)
    etag = (await client.get("/v1/settings", headers=admin)).headers["etag"]

    stale = await client.patch(
        "/v1/settings", headers={**admin, "If-Match": 'W/"stale"'}, json=body(tagline="a")
    )
    fresh = await client.patch(
        "/v1/settings", headers={**admin, "If-Match": etag}, json=body(tagline="b")
    )

    assert (stale.status_code, fresh.status_code) == (412, 200)
    assert (await stored(app_db))["tagline"] == "b"
