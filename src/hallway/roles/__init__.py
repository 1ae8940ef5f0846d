"""Event roles (owner, organizer, …) and the switches for what users may do."""
