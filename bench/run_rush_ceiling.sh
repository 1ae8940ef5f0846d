#!/usr/bin/env bash
# The ticket rush against bench/rush_ceiling.py: the same buyers, tokens, tickets and load
# (bench/rush.mjs) as run_rush.sh, served by a bare ASGI app with the fewest round trips, to
# show what the machine allows for the three requests with nothing but their own work.
#   bash bench/run_rush_ceiling.sh
# Env: BUYERS (1000), STOCK (750), WORKERS (2), PORT (8191), CEILING_MODE (steps | one; see
# bench/rush_ceiling.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PATH"
source bench/lib.sh

BUYERS=${BUYERS:-1000}
STOCK=${STOCK:-750}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8191}
DB=hallway_bench_ceiling
export DATABASE_URL="postgresql://hallway:hallway@/$DB?host=/var/run/postgresql"
export CEILING_DSN="$DATABASE_URL"
export SECRET_KEY=bench-rush-secret-key-not-for-production
export CEILING_MODE=${CEILING_MODE:-steps}
WORK=$(mktemp -d)
SERVER_PID=""
stop() {
  if [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT

need_tools
pg_socket
psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin "CREATE DATABASE $DB OWNER hallway"
uv run --frozen hallway migrate >/dev/null
uv run --frozen python bench/seed_rush.py "$BUYERS" "$STOCK" >"$WORK/seed.json"
PYTHONPATH=bench .venv/bin/uvicorn rush_ceiling:app --port "$PORT" --workers "$WORKERS" \
  --loop uvloop --http httptools --log-level warning --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  ss -ltnH "sport = :$PORT" | grep -q . && break
  sleep 0.1
done

for mode in create flow; do
  rush_load "http://127.0.0.1:$PORT" "$WORK/seed.json" "$mode" | tee "$WORK/$mode.json"
done
oversold=$(PGPASSWORD=hallway psql -qXAt -h 127.0.0.1 -U hallway -d "$DB" -c \
  "SELECT count(*) FROM tickets t WHERE (SELECT count(*) FROM attendees a WHERE a.ticket_id = t.id) > t.quantity")
flow=$(python3 -c "import json; print(json.load(open('$WORK/flow.json'))['per_second'])")
echo "ceiling ($CEILING_MODE): $flow completed orders/s, oversold $oversold"
