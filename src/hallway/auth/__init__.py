"""Authentication: passwords, JWTs, the caller of a request, and rate limits."""
