#!/usr/bin/env bash
# Public event page benchmark: the real app (hallway.main:create_app) on PostgreSQL with one
# published conference (bench/seed_public.py: 200 accepted or confirmed sessions, 150
# speakers, sponsors...), one uvicorn worker, measured on the requests the real frontend makes
# for the public event page and its schedule, beside the bench floor of ../shared/bench-floor
# (its events list and detail) in the same run.
#   bash bench/run_public.sh           # recreate both databases, seed, measure, print tables
#   PROFILE=1 bash bench/run_public.sh # also record py-spy profiles of the three requests
# Env: CONNS_LIST ("16 64"), SECS (10), PORT (8184), FLOOR_PORT (8092), FLOOR (its directory).
#
# The documents differ in size from the floor's, so besides CPU-ms per request the second
# table gives CPU-ms per 100 KB of body and CPU-µs per resource object (data + included).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PORT=${PORT:-8184}
FLOOR_PORT=${FLOOR_PORT:-8092}
FLOOR=${FLOOR:-../shared/bench-floor}
CONNS_LIST=${CONNS_LIST:-16 64}
BASE="http://$HOST:$PORT"
FLOOR_BASE="http://$HOST:$FLOOR_PORT"
DB=hallway_bench_public
HALLWAY_DB_URL=postgresql://hallway:hallway@127.0.0.1/$DB
export SECRET_KEY=bench-public-secret-key-not-for-production

[ -f "$FLOOR/app.py" ] || { echo "no bench floor at $FLOOR" >&2; exit 1; }
need_tools
seed_floor "$FLOOR"
fresh_database "$DB" hallway
DATABASE_URL=$HALLWAY_DB_URL uv run hallway migrate
IDENTIFIER=$(DATABASE_URL=$HALLWAY_DB_URL uv run python bench/seed_public.py)
echo "hallway: the conference $IDENTIFIER"

start_server "$FLOOR_PORT" /v1/events/1 app:app --app-dir "$FLOOR"
floor_worker=$worker
DATABASE_URL=$HALLWAY_DB_URL start_server "$PORT" /v1/events/"$IDENTIFIER" \
  --factory hallway.main:create_app
hallway_worker=$worker

# The requests of routes/public.js, routes/public/index.js (featured speakers) and
# routes/public/schedule.js (the scheduled sessions), with the relationship links the event
# document gives, as the client follows them.
INCLUDE=social-links,event-copyright,speakers-call,tax,owner,organizers,video-stream
INCLUDE=$INCLUDE,custom-forms,group,group.followers,group.followers.user
EVENT="/v1/events/$IDENTIFIER?include=$INCLUDE"
read -r SPEAKERS_LINK SESSIONS_LINK < <(curl -gsf "$BASE$EVENT" | python3 -c "import json,sys
r = json.load(sys.stdin)['data']['relationships']
print(r['speakers']['links']['related'], r['sessions']['links']['related'])")
encode() { python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=''))" "$1"; }
ACCEPTED='{"or":[{"name":"state","op":"eq","val":"accepted"},{"name":"state","op":"eq","val":"confirmed"}]}'
FEATURED='[{"name":"is-featured","op":"eq","val":"true"},{"name":"sessions","op":"any","val":{"and":[{"name":"deleted-at","op":"eq","val":null},'$ACCEPTED']}}]'
SCHEDULED='[{"and":[{"name":"starts-at","op":"ne","val":null},{"name":"ends-at","op":"ne","val":null},'$ACCEPTED']}]'
SPEAKERS="$SPEAKERS_LINK?filter=$(encode "$FEATURED")&sort=order&include=sessions.track"
SPEAKERS="$SPEAKERS&cache=true&public=true&page[size]=0"
SESSIONS="$SESSIONS_LINK?include=speakers,microlocation,track,microlocation.video-stream"
SESSIONS="$SESSIONS&filter=$(encode "$SCHEDULED")&page[size]=0"

stats() {  # url -> "bytes objects" (objects: data and included)
  curl -gsf "$1" | python3 -c "import json,sys
raw = sys.stdin.buffer.read(); d = json.loads(raw); data = d['data']
print(len(raw), (len(data) if isinstance(data, list) else 1) + len(d.get('included', [])))"
}
declare -A BYTES OBJECTS
for name in EVENT SPEAKERS SESSIONS; do
  read -r "BYTES[$name]" "OBJECTS[$name]" < <(stats "$BASE${!name}")
done
read -r "BYTES[FLIST]" "OBJECTS[FLIST]" < <(stats "$FLOOR_BASE/v1/events")
read -r "BYTES[FDETAIL]" "OBJECTS[FDETAIL]" < <(stats "$FLOOR_BASE/v1/events/1")
[ "${OBJECTS[FLIST]}" = 20 ] && [ "$(count "$BASE$SPEAKERS")" = 12 ]
[ "$(count "$BASE$SESSIONS")" = 200 ]
for name in EVENT SPEAKERS SESSIONS FLIST FDETAIL; do
  echo "$name: ${BYTES[$name]} bytes, ${OBJECTS[$name]} objects"
done
echo "event: GET $EVENT"
echo "speakers: GET $SPEAKERS"
echo "sessions: GET $SESSIONS"

if [ "${PROFILE:-0}" = 1 ]; then
  mkdir -p bench/out
  for name in EVENT SPEAKERS SESSIONS; do
    timeout 40 wrk -t2 -c16 -d22s "$BASE${!name}" >/dev/null &
    sleep 2
    uv run --with py-spy py-spy record -p "$hallway_worker" -d 15 -r 250 -f raw \
      -o "bench/out/public_$name.txt" >/dev/null 2>&1 || true
    wait || true
    echo "profile: bench/out/public_$name.txt"
  done
fi

cpu_of() { awk -F'|' '{gsub(/ /, "", $6); print $6}' <<<"$1"; }
declare -A CPU
declare -A LABEL=([FLIST]="floor list" [FDETAIL]="floor detail" [EVENT]="event"
  [SPEAKERS]="featured speakers" [SESSIONS]="sessions")
per_size_table() {  # the CPU of each request per 100 KB and per object, against the floor's
  python3 - "$@" <<'PY'
import sys
rows = [a.split(":") for a in sys.argv[1:]]  # label:name:bytes:objects:cpu
fl = {n: (int(b), int(o), float(c)) for _, n, b, o, c in rows if n.startswith("F")}
kb = lambda b, c: c / (b / 102400)
print("\n| request | body KB | objects | CPU-ms/req | CPU-ms/100 KB | CPU-µs/object "
      "| × floor list per 100 KB | × floor detail per 100 KB | × floor list per object |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
lb, lo, lc = fl["FLIST"]
db, do, dc = fl["FDETAIL"]
for label, name, b, o, c in rows:
    b, o, c = int(b), int(o), float(c)
    ratios = (f"{kb(b, c) / kb(lb, lc):.2f}", f"{kb(b, c) / kb(db, dc):.2f}",
              f"{c / o / (lc / lo):.2f}")
    print(f"| {label} | {b / 1024:.1f} | {o} | {c:.2f} | {kb(b, c):.2f} | "
          f"{c * 1000 / o:.0f} | " + " | ".join(ratios) + " |")
PY
}
measure_row() {  # key label worker db-url url (a 200 of 1 MB takes a while under 64 clients)
  local out
  out=$(worker=$3 DATABASE_URL=$4 measure "$2" "$5" 2xx --timeout 30s)
  echo "$out"
  [[ $out == *"| 0 |" ]] || failed=1
  CPU[$1]=$(cpu_of "$out")
}
for CONNS in $CONNS_LIST; do
  table_header
  measure_row FLIST "floor \`GET /v1/events\` ($CONNS)" "$floor_worker" "$FLOOR_DB_URL" \
    "$FLOOR_BASE/v1/events"
  measure_row FDETAIL "floor \`GET /v1/events/1\` ($CONNS)" "$floor_worker" "$FLOOR_DB_URL" \
    "$FLOOR_BASE/v1/events/1"
  measure_row EVENT "event with its includes ($CONNS)" "$hallway_worker" "$HALLWAY_DB_URL" \
    "$BASE$EVENT"
  measure_row SPEAKERS "featured speakers, \`include=sessions.track\` ($CONNS)" \
    "$hallway_worker" "$HALLWAY_DB_URL" "$BASE$SPEAKERS"
  measure_row SESSIONS "scheduled sessions, 200 ($CONNS)" "$hallway_worker" \
    "$HALLWAY_DB_URL" "$BASE$SESSIONS"
  args=()
  for name in FLIST FDETAIL EVENT SPEAKERS SESSIONS; do
    args+=("${LABEL[$name]} ($CONNS):$name:${BYTES[$name]}:${OBJECTS[$name]}:${CPU[$name]}")
  done
  per_size_table "${args[@]}"
done
exit $failed
