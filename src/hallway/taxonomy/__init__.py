"""Event types, topics, sub-topics, locations and the placeholder images of topics."""
