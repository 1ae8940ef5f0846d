"""Where an event is found elsewhere on the web: its social links."""
