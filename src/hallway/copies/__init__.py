"""Copying an event with what an organizer sets up for it."""
