"""The platform's monthly invoices to event owners for its fees on their ticket sales."""
