"""Custom forms: the fields an event asks of attendees, speakers and session proposals."""
