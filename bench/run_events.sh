#!/usr/bin/env bash
# Events benchmark: the real app (hallway.main:create_app) on PostgreSQL with 200 published
# events, one uvicorn worker, beside the bench floor of ../shared/bench-floor (a bare
# Starlette + asyncpg endpoint serving event documents of the same shape) measured in the same
# run, so that the ratio of the two survives a noisy machine.
#   bash bench/run_events.sh           # recreate both databases, seed, measure, print a table
#   PROFILE=1 bash bench/run_events.sh # also record py-spy profiles of the events list
# Env: CONNS_LIST ("16 64"), SECS (10), PORT (8183), FLOOR_PORT (8091), FLOOR (its directory).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PORT=${PORT:-8183}
FLOOR_PORT=${FLOOR_PORT:-8091}
FLOOR=${FLOOR:-../shared/bench-floor}
CONNS_LIST=${CONNS_LIST:-16 64}
BASE="http://$HOST:$PORT"
FLOOR_BASE="http://$HOST:$FLOOR_PORT"
DB=hallway_bench_events
HALLWAY_DB_URL=postgresql://hallway:hallway@127.0.0.1/$DB
export SECRET_KEY=bench-events-secret-key-not-for-production
export LOGIN_LIMIT_PER_MINUTE=10000000 # wrk logs one account in thousands of times a minute
EMAIL=bench@example.com
PASSWORD=bench-password-1234

[ -f "$FLOOR/app.py" ] || { echo "no bench floor at $FLOOR" >&2; exit 1; }
need_tools
seed_floor "$FLOOR"
fresh_database "$DB" hallway
DATABASE_URL=$HALLWAY_DB_URL uv run hallway migrate
USER_ID=$(DATABASE_URL=$HALLWAY_DB_URL uv run python bench/seed_events.py "$EMAIL" "$PASSWORD")
echo "hallway: 200 events owned by user $USER_ID"

start_server "$FLOOR_PORT" /v1/events/1 app:app --app-dir "$FLOOR"
floor_worker=$worker
DATABASE_URL=$HALLWAY_DB_URL start_server "$PORT" /v1/events/1 --factory hallway.main:create_app
hallway_worker=$worker

BODY="{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "$BODY" "$BASE/auth/session" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
LOGIN_LUA=$(mktemp --suffix=.lua)
trap 'rm -f "$LOGIN_LUA"; stop_server' EXIT
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' \
  "'$BODY'" >"$LOGIN_LUA"

LIST="/v1/events?page[size]=20"
DETAIL="/v1/events/1"
INCLUDED="/v1/events?include=event-type,event-topic&page[size]=20"

# Sanity: both servers answer the documents we mean to compare.
[ "$(count "$FLOOR_BASE/v1/events")" = 20 ] && [ "$(count "$BASE$LIST")" = 20 ]
[ "$(count "$BASE$DETAIL")" = 1 ] && [ "$(count "$FLOOR_BASE$DETAIL")" = 1 ]
[ "$(count "$BASE/v1/users/$USER_ID" -H "Authorization: JWT $TOKEN")" = 1 ]
echo "list: hallway $(size "$BASE$LIST") bytes, floor $(size "$FLOOR_BASE/v1/events") bytes;" \
  "detail: hallway $(size "$BASE$DETAIL") bytes, floor $(size "$FLOOR_BASE$DETAIL") bytes"

if [ "${PROFILE:-0}" = 1 ]; then
  mkdir -p bench/out
  for path in "$LIST" "$DETAIL"; do
    name=$(echo "$path" | tr -c 'a-z0-9\n' '_' | cut -c1-40)
    timeout 40 wrk -t2 -c16 -d22s "$BASE$path" >/dev/null &
    sleep 2
    uv run --with py-spy py-spy record -p "$hallway_worker" -d 15 -r 250 -f raw \
      -o "bench/out/events$name.txt" >/dev/null 2>&1 || true
    wait || true
    echo "profile: bench/out/events$name.txt"
  done
fi

for CONNS in $CONNS_LIST; do
  table_header
  row "$floor_worker" "$FLOOR_DB_URL" "floor \`GET /v1/events\` ($CONNS)" "$FLOOR_BASE/v1/events" 2xx
  row "$hallway_worker" "$HALLWAY_DB_URL" "\`GET $LIST\` ($CONNS)" "$BASE$LIST" 2xx
  row "$hallway_worker" "$HALLWAY_DB_URL" "\`GET $INCLUDED\` ($CONNS)" "$BASE$INCLUDED" 2xx
  row "$floor_worker" "$FLOOR_DB_URL" "floor \`GET $DETAIL\` ($CONNS)" "$FLOOR_BASE$DETAIL" 2xx
  row "$hallway_worker" "$HALLWAY_DB_URL" "\`GET $DETAIL\` ($CONNS)" "$BASE$DETAIL" 2xx
  row "$hallway_worker" "$HALLWAY_DB_URL" "\`GET /v1/users/$USER_ID\` with JWT ($CONNS)" \
    "$BASE/v1/users/$USER_ID" 2xx -H "Authorization: JWT $TOKEN"
  row "$hallway_worker" "$HALLWAY_DB_URL" "\`POST /auth/session\` ($CONNS)" \
    "$BASE/auth/session" 2xx -s "$LOGIN_LUA" --timeout 60s
done
exit $failed
