"""Setup hooks of the Stripe Authorization group (and the event of a link). A link is made by
exchanging an OAuth code with Stripe, which the replay does not reach: the link the reads and
the delete need is written straight to the database; making and changing one are replayed
against a stand-in of Stripe in tests/payments."""

from __future__ import annotations

from hallway.payments.models import StripeAuthorization
from tests.contract.scene import HOOKS, Hook, Plan, Scene, hook

STRIPE_REACHED = "the code is exchanged with Stripe; tests/payments replays it against a stand-in"
HOOKS["Stripe Authorization::Create Stripe Authorization"] = Hook(skip=STRIPE_REACHED)
HOOKS["Stripe Authorization::Update Stripe Authorization"] = Hook(skip=STRIPE_REACHED)


@hook("Stripe Authorization::Get Stripe Authorization")
@hook("Stripe Authorization::Delete Stripe Authorization")
@hook("Stripe Authorization::Get Stripe Authorization Details of an Event")
@hook("Events::Event Details for a Stripe Authorization")
async def a_linked_event(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await scene.event(owner)
    async with scene.db.sessions() as session, session.begin():
        link = StripeAuthorization(
            event_id=int(event["id"]),
            stripe_user_id="acct_contract",
            stripe_publishable_key="pk_test_contract",
        )
        session.add(link)
        await session.flush()
        link_id = str(link.id)
    return Plan(
        token=owner.token,
        params={
            "id": link_id,
            "stripe_authorization_id": link_id,
            "event_identifier": event["attributes"]["identifier"],
        },
        ids={"stripe-authorization": link_id},
    )
