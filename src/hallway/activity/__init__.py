"""The audit log: who changed what, when and from where (`/v1/activities`).

`models` and `recorder` sit low (every domain's writes pass through them, and the login
routes record through them); `policy` and `resource`, which read the log, sit above the
events and roles they scope it by."""
