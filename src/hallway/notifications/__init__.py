"""In-app notifications for a user, pushed live to their open connections (`live`)."""

from hallway.notifications import live as live
