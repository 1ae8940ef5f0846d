from collections.abc import AsyncIterator

import pytest

from hallway.config import Settings
from tests.appfixtures import MEDIA_ROOT, app, client, mailbox, smtp  # noqa: F401
from tests.payments.standin import FakeStripe, fake_stripe

WEBHOOK_SECRET = "whsec_test_endpoint"


@pytest.fixture
async def stripe_api() -> AsyncIterator[FakeStripe]:
    async with fake_stripe() as fake:
        yield fake


@pytest.fixture
def settings(database_url, smtp, stripe_api: FakeStripe) -> Settings:  # noqa: F811
    """The application's test settings, with Stripe pointed at the stand-in."""
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-for-hallway-tests",
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp[0].port,
        frontend_url="https://frontend.test",
        redis_url=None,
        upload_dir=MEDIA_ROOT,
        stripe_secret_key="sk_test_platform",
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=stripe_api.url,
        stripe_connect_base=stripe_api.url,
    )
