"""Events: the conference or meetup everything else belongs to."""
