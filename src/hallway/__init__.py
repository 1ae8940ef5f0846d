"""Hallway: an event-management server speaking the Open Event v1 API."""

__version__ = "0.1.0"
