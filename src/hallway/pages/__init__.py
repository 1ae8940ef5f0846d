"""Site pages (about, terms, ...) the frontend links from its footer."""
