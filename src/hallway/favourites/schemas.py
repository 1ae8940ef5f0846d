"""What a client may send about a favourite: nothing but its event or session."""

from __future__ import annotations

from hallway.jsonapi import Attributes


class FavouriteCreate(Attributes):
    """A favourite has no writable attributes: it links the caller to an event or session."""
