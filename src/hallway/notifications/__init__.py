"""In-app notifications for a user."""
