"""The published schedule of an event: its exports (iCal, xCal, Pentabarf) and the sessions
that overlap in one room, for organizers."""
