"""The admin panel's figures: platform statistics and sales across every event."""
