"""Role invitations: an organizer invites an address to a role on an event by mail."""
