"""Prometheus metrics at `/metrics`, behind METRICS_TOKEN (without it the route answers 404).

`instruments` holds what each process counts (requests, latency, connections in use, jobs in
progress, rate-limit refusals); `scrape` answers the route, adding what is read when asked
(outbox backlog, failed mail, the Celery queue). Under `hallway run --workers N` every worker
writes its numbers to files in a per-run directory (prometheus_client's multiprocess mode) and
whichever worker is asked sums them all (`workers`).
"""
