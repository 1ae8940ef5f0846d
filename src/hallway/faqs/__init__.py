"""An event's frequently asked questions, optionally grouped by type."""
