"""Figures computed for an event's dashboard: its orders and its program."""
