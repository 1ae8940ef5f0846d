"""Exports and imports of an event's data, run as jobs with their progress kept in the database."""
