"""Favourites: the events and sessions a user keeps for themselves."""
