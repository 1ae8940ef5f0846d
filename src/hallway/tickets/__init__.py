"""The ticket catalogue of an event: tickets, their tags, the event's tax and the platform's
ticket fees."""
