#!/usr/bin/env bash
# Ticket rush: one event on PostgreSQL, limited stock, BUYERS buyers at once (each with a
# token made beforehand and a connection of its own) against the real app (uvicorn, WORKERS
# processes). Two runs on two tickets of STOCK each: `create` (create-order alone) and `flow`
# (create-order, PATCH the attendee, PATCH the order to completed). Beside it, in the same run,
# the database-only floor: pgbench replaying ../shared/bench-floor/rush.sql (one hot stock row
# + order + attendee per transaction). Afterwards the rows are checked: no ticket has more
# live attendees than its quantity, and the stock counters equal the rows. The load comes
# from Node (bench/rush.mjs), the cheapest HTTP client at hand on this machine.
# JOBS=embedded runs the completed orders' jobs (ticket PDFs, mails) in the server processes;
# JOBS=redis sends them through Redis to one Celery worker running at the lowest CPU priority
# (it takes what the rush leaves). The run also reports how long after the last completed
# order every order's documents were made and every mail was delivered.
#   bash bench/run_rush.sh
# Env: BUYERS (1000), STOCK (750), WORKERS (2: one per core; the event's stock row is
# committed with its take, so they do not queue on it, bench/results/rush.md), PORT (8190), FLOOR (its directory), FLOOR_CLIENTS (16), JOBS
# (embedded | redis), REDIS_DB (11), CONCURRENCY (buyers at once; all of them), PROFILE (a
# file) and PROFILE_RUN.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PATH"
source bench/lib.sh

BUYERS=${BUYERS:-1000}
STOCK=${STOCK:-750}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8190}
FLOOR=${FLOOR:-../shared/bench-floor}
FLOOR_CLIENTS=${FLOOR_CLIENTS:-16}
JOBS=${JOBS:-embedded}
DB=hallway_bench_rush
FLOOR_DB=hallway_rush_floor
# Server and database share the machine: the server talks to it through its Unix socket.
export DATABASE_URL="postgresql://hallway:hallway@/$DB?host=/var/run/postgresql"
export SECRET_KEY=bench-rush-secret-key-not-for-production
export MAIL_BACKEND=console
WORK=$(mktemp -d)
SERVER_PID=""
JOB_PID=""
stop_all() {
  if [ -n "$JOB_PID" ] && kill "$JOB_PID" 2>/dev/null; then
    wait "$JOB_PID" 2>/dev/null || true
  fi
  stop_workers
}
trap stop_all EXIT

[ -f "$FLOOR/rush.sql" ] || { echo "no bench floor at $FLOOR" >&2; exit 1; }
need_tools
pg_socket
if [ "$JOBS" = redis ]; then
  bash scripts/services.sh redis
  export REDIS_URL=redis://127.0.0.1:6379/${REDIS_DB:-11}
  redis-cli -n "${REDIS_DB:-11}" flushdb >/dev/null
fi
ulimit -n 65536 2>/dev/null || true
for db in "$DB" "$FLOOR_DB"; do
  psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  psql_admin "CREATE DATABASE $db OWNER hallway"
done

# The floor: its three tables, then pgbench for 10 seconds.
PGPASSWORD=hallway psql -qX -h 127.0.0.1 -U hallway -d "$FLOOR_DB" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE TABLE stock (id int PRIMARY KEY, remaining int NOT NULL);
INSERT INTO stock VALUES (1, 100000000);
CREATE TABLE orders (id serial PRIMARY KEY, identifier uuid, event_id int, status text, amount numeric);
CREATE TABLE attendees (id serial PRIMARY KEY, order_id int REFERENCES orders, ticket_id int, email text);
SQL
FLOOR_TPS=$(PGPASSWORD=hallway pgbench -n -h 127.0.0.1 -U hallway -f "$FLOOR/rush.sql" \
  -c "$FLOOR_CLIENTS" -j 2 -T 10 "$FLOOR_DB" 2>/dev/null |
  sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1)
echo "floor (pgbench, $FLOOR_CLIENTS clients): $FLOOR_TPS tps"

uv run --frozen hallway migrate >/dev/null
uv run --frozen python bench/seed_rush.py "$BUYERS" "$STOCK" >"$WORK/seed.json"
start_workers "$PORT" "$WORKERS" "$WORK/server.log"
if [ "$JOBS" = redis ]; then
  nice -n 19 uv run --frozen hallway worker --concurrency 1 >"$WORK/worker.log" 2>&1 &
  JOB_PID=$!
fi

load() {  # mode -> the run's JSON summary, with the server's and PostgreSQL's CPU-ms per order
  rush_load "http://$HOST:$PORT" "$WORK/seed.json" "$1"
}
profile() {  # run -> with PROFILE set and PROFILE_RUN naming this run (create | flow), a
  # py-spy profile (raw) of the server's processes (its workers) for 8 seconds of it
  [ -n "${PROFILE:-}" ] && [ "${PROFILE_RUN:-create}" = "$1" ] || return 0
  local target
  target=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | tail -1 | cut -d= -f2)
  uv run --frozen --with py-spy py-spy record --subprocesses -p "$target" -d 8 -r 200 -f raw \
    -o "$PROFILE" \
    >/dev/null 2>&1 &
  sleep 1
}
profile create
CREATE=$(load create)
echo "create: $CREATE"
profile flow
FLOW=$(load flow)
echo "flow:   $FLOW"
# Seconds until every completed order has its documents and every mail is sent.
started=$(date +%s.%N)
for _ in $(seq 1 1200); do
  left=$(PGPASSWORD=hallway psql -qXtA -h 127.0.0.1 -U hallway -d "$DB" -c \
    "SELECT (SELECT count(*) FROM orders WHERE status = 'completed' AND tickets_pdf_url IS NULL)
          + (SELECT count(*) FROM outbox_mails WHERE status = 'pending')")
  [ "$left" = 0 ] && break
  sleep 0.5
done
DRAIN=$(python3 -c "import time,sys; print(round(time.time() - float(sys.argv[1]), 1))" "$started")
echo "jobs: documents and mails done ${DRAIN} s after the flow ended (left: $left)"

CHECK=$(PGPASSWORD=hallway psql -qXtA -h 127.0.0.1 -U hallway -d "$DB" <<'SQL'
SELECT coalesce(sum(greatest(live - t.quantity, 0)), 0) || ' ' || count(*) FILTER (WHERE live <> t.reserved)
FROM tickets t LEFT JOIN LATERAL (
  SELECT count(*) AS live FROM attendees a JOIN orders o ON o.id = a.order_id
  WHERE a.ticket_id = t.id AND a.deleted_at IS NULL
    AND o.status IN ('initializing', 'pending', 'placed', 'completed')
) l ON true;
SQL
)
read -r OVERSOLD MISCOUNTED <<<"$CHECK"
echo "rows: oversold $OVERSOLD, stock counters differing from the rows $MISCOUNTED"
python3 - "$CREATE" "$FLOW" "$FLOOR_TPS" "$OVERSOLD" <<'PY'
import json, sys
create, flow = json.loads(sys.argv[1]), json.loads(sys.argv[2])
floor, oversold = float(sys.argv[3] or 0), int(sys.argv[4])
print("| run | buyers | orders | per second | create p50 ms | create p99 ms | "
      "CPU-ms/order: server | PostgreSQL | load generator | 5xx |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for run in (create, flow):
    print(f"| {run['mode']} | {run['buyers']} | {run['done']} | {run['per_second']} | "
          f"{run['create_p50_ms']} | {run['create_p99_ms']} | "
          f"{run['server_cpu_ms_per_order']} | {run['postgres_cpu_ms_per_order']} | "
          f"{run['client_cpu_ms_per_order']} | {run['5xx']} |")
fivexx = create["5xx"] + flow["5xx"]
print(f"rush: {flow['per_second']} completed orders/s, floor {floor:.0f} tps, "
      f"oversold {oversold}, 5xx {fivexx}")
PY
