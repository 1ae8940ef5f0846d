"""Online payments: an event's Stripe connected account, PaymentIntents for its orders, the
signed webhook and the verify poll that complete them."""
