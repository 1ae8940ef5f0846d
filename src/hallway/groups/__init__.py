"""Organizer groups: a user's group of events, and the users who follow it."""
