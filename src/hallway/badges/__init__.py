"""Badges: the badge forms an event designs and the PDFs of its attendees' badges."""
