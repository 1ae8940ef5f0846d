#!/usr/bin/env bash
# The ticket rush's three requests apart: BUYERS buyers (each with a token made beforehand)
# create an order, then fill in its attendee, then complete it, one step after the other,
# CONCURRENCY at a time, against one server worker on PostgreSQL (Unix socket). Prints each
# step's requests/s and the server's CPU-ms per request, the figure to watch when making a
# step cheaper (the rush itself mixes them: bench/run_rush.sh).
#   bash bench/rush_steps.sh
# Env: BUYERS (1000), CONCURRENCY (16), PORT (8191), PROFILE_STEP (a step: a py-spy profile
# of it in raw form to /tmp/<step>.raw).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PATH"
source bench/lib.sh

BUYERS=${BUYERS:-1000}
PORT=${PORT:-8191}
DB=hallway_bench_steps
export DATABASE_URL="postgresql://hallway:hallway@/$DB?host=/var/run/postgresql"
export SECRET_KEY=bench-rush-secret-key-not-for-production
export MAIL_BACKEND=console
WORK=$(mktemp -d)
SERVER_PID=""
trap stop_workers EXIT

need_tools
pg_socket
psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql_admin "CREATE DATABASE $DB OWNER hallway"
uv run --frozen hallway migrate >/dev/null
uv run --frozen python bench/seed_rush.py "$BUYERS" "$BUYERS" >"$WORK/seed.json"
start_workers "$PORT" 1 "$WORK/server.log"

for step in create attendee order; do
  if [ "${PROFILE_STEP:-}" = "$step" ]; then
    target=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | tail -1 | cut -d= -f2)
    uv run --frozen --with py-spy py-spy record -p "$target" -d 5 -r 200 -f raw \
      -o "/tmp/$step.raw" >/dev/null 2>&1 &
    sleep 1
  fi
  before=$(server_cpu)
  out=$(node bench/rush_steps.mjs "http://$HOST:$PORT" "$WORK/seed.json" "$step" "$WORK/state.json")
  after=$(server_cpu)
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); \
d['server_cpu_ms_per_request']=round(int(sys.argv[2])*1000/int(sys.argv[3])/max(d['requests'],1),2); \
print(json.dumps(d))" "$out" $((after - before)) "$TICK"
done
