"""Check-in stations of an event, the check-ins made at them and their head counts."""
