"""METRICS_LISTEN: `/metrics` served on an address of its own by every worker of
`hallway run --workers 2`, and not on the public address."""

from __future__ import annotations

import httpx

from tests.metrics.scraping import BEARER, TOKEN, value
from tests.system.processes import (
    children,
    eventually,
    free_port,
    hallway_env,
    start,
    stop,
    wait_for,
)

ROUTE = {"route": "/v1/events/{id}", "method": "GET", "status": "404"}
SENT = 12


def test_metrics_have_their_own_address_and_the_public_one_answers_404(tmp_path):
    port, metrics_port = free_port(), free_port()
    env = hallway_env(tmp_path / "m.db", port, METRICS_LISTEN=f"127.0.0.1:{metrics_port}")
    process = start(["run", "--workers", "2"], env, tmp_path, tmp_path / "server.log")
    base, metrics = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{metrics_port}"
    try:
        wait_for(f"{base}/health/live")
        assert eventually(lambda: len(children(process.pid)) >= 2, timeout=30)
        public = httpx.get(f"{base}/metrics")
        for number in range(SENT):  # new connections: either worker answers
            assert httpx.get(f"{base}/v1/events/ident-{number}").status_code == 404
        scraped = [httpx.get(f"{metrics}/metrics") for _ in range(4)]
        other = httpx.get(f"{metrics}/v1/events")
        posted = httpx.post(f"{metrics}/metrics")
    finally:
        stop(process)

    assert public.status_code == 404
    assert public.json()["errors"][0]["status"] == 404
    assert {response.status_code for response in scraped} == {200}
    # Whichever worker answers sums both workers' counts.
    counts = {value(r.text, "hallway_http_requests_total", **ROUTE) for r in scraped}
    assert counts == {SENT}
    assert "hallway_metrics_source_up" in scraped[0].text
    assert other.status_code == 404 and "hallway_" not in other.text
    assert posted.status_code == 405


def test_the_metrics_address_asks_for_the_token_when_one_is_set(tmp_path):
    port, metrics_port = free_port(), free_port()
    env = hallway_env(
        tmp_path / "t.db", port, METRICS_LISTEN=f"127.0.0.1:{metrics_port}", METRICS_TOKEN=TOKEN
    )
    process = start(["run"], env, tmp_path, tmp_path / "server.log")
    metrics = f"http://127.0.0.1:{metrics_port}/metrics"
    try:
        wait_for(f"http://127.0.0.1:{port}/health/live")
        refused = httpx.get(metrics)
        wrong = httpx.get(metrics, headers={"Authorization": "Bearer not-the-token"})
        allowed = httpx.get(metrics, headers=BEARER)
        public = httpx.get(f"http://127.0.0.1:{port}/metrics", headers=BEARER)
    finally:
        stop(process)

    assert refused.status_code == wrong.status_code == 401
    assert refused.headers["www-authenticate"] == 'Bearer realm="metrics"'
    assert allowed.status_code == 200 and "hallway_http_requests_total" in allowed.text
    assert public.status_code == 404
