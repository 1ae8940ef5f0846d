"""Who may do what, editable at run time: the role-by-service matrix event policies read, and
the admin-panel roles (custom system roles) with the panels they open."""
