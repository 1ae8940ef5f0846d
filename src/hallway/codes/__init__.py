"""Discount codes and access codes of an event's tickets."""
