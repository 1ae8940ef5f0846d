#!/usr/bin/env bash
# Check-in at the doors: one event on PostgreSQL with 2×PEOPLE attendees of completed orders,
# scanned by the event's registrar against the real app (uvicorn, WORKERS processes). Two runs:
# `batch` (CLIENTS scanners, BATCH scans per `POST /v1/events/{id}/check-in-scans`) over the
# first half, and `single` (CLIENTS clients, one legacy `PATCH /v1/attendees/{id}` with
# `is-checked-in` each) over the second. Afterwards the rows are checked: every attendee is
# checked in exactly once (one check-in time each), and the batch left one scan row per scan.
#   bash bench/run_checkin.sh
# Env: PEOPLE (4000), CLIENTS (16), BATCH (100), WORKERS (2), PORT (8191).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PATH"
source bench/lib.sh

PEOPLE=${PEOPLE:-4000}
CLIENTS=${CLIENTS:-16}
BATCH=${BATCH:-100}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8191}
DB=hallway_bench_checkin
export DATABASE_URL=postgresql://hallway:hallway@127.0.0.1/$DB
export SECRET_KEY=bench-checkin-secret-key-not-for-production
export MAIL_BACKEND=console
WORK=$(mktemp -d)
SERVER_PID=""
trap stop_workers EXIT

need_tools
ulimit -n 65536 2>/dev/null || true
psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin "CREATE DATABASE $DB OWNER hallway"

uv run --frozen hallway migrate >/dev/null
uv run --frozen python bench/seed_checkin.py $((2 * PEOPLE)) >"$WORK/seed.json"
start_workers "$PORT" "$WORKERS" "$WORK/server.log"

load() {  # mode -> the run's JSON summary, with the server's CPU-ms per scan checked in
  local before after out
  before=$(server_cpu)
  out=$(uv run --frozen --with aiohttp python bench/checkin.py "http://$HOST:$PORT" \
    "$WORK/seed.json" "$1" "$CLIENTS" "$BATCH")
  after=$(server_cpu)
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); \
d['server_cpu_ms_per_scan']=round((int(sys.argv[2])*1000/int(sys.argv[3]))/max(d['checked_in'],1),2); \
print(json.dumps(d))" "$out" $((after - before)) "$TICK"
}
BATCHED=$(load batch)
echo "batch:  $BATCHED"
SINGLE=$(load single)
echo "single: $SINGLE"

CHECK=$(PGPASSWORD=hallway psql -qXtA -h 127.0.0.1 -U hallway -d "$DB" <<'SQL'
SELECT count(*) FILTER (WHERE NOT is_checked_in) || ' '
    || count(*) FILTER (WHERE checkin_times LIKE '%,%') || ' '
    || (SELECT count(*) FROM check_in_scans)
FROM attendees;
SQL
)
read -r MISSED TWICE SCAN_ROWS <<<"$CHECK"
echo "rows: not checked in $MISSED, checked in twice $TWICE, scan rows $SCAN_ROWS"
python3 - "$BATCHED" "$SINGLE" "$MISSED" "$TWICE" <<'PY'
import json, sys
batched, single = json.loads(sys.argv[1]), json.loads(sys.argv[2])
missed, twice = int(sys.argv[3]), int(sys.argv[4])
print("| run | clients | scans/request | scans checked in | scans/s | p50 ms | p99 ms | "
      "server CPU-ms/scan | 5xx |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for run in (batched, single):
    print(f"| {run['mode']} | {run['clients']} | {run['scans_per_request']} | "
          f"{run['checked_in']} | {run['scans_per_second']} | {run['p50_ms']} | "
          f"{run['p99_ms']} | {run['server_cpu_ms_per_scan']} | {run['5xx']} |")
print(f"checkin: batch {batched['scans_per_second']} scans/s (p99 {batched['p99_ms']} ms per "
      f"request of {batched['scans_per_request']}), single {single['scans_per_second']} scans/s "
      f"(p99 {single['p99_ms']} ms), missed {missed}, twice {twice}, "
      f"5xx {batched['5xx'] + single['5xx']}")
PY
