"""Sessions, speakers and the call for speakers of an event."""
