"""Who supports an event: its sponsors and its exhibitors."""
