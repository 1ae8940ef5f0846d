#!/usr/bin/env bash
# Engine micro-benchmark: the toy resources on PostgreSQL, one uvicorn worker, wrk on 127.0.0.1.
#   bash bench/run_engine.sh              # seed, serve, measure three requests, print a table
#   PROFILE=1 bash bench/run_engine.sh    # also record a py-spy flame graph of the list request
# Env: CONNS (16), SECS (10), PORT (8181), DATABASE_URL (the hallway_bench database).
set -euo pipefail
cd "$(dirname "$0")/.."

CONNS=${CONNS:-16}
SECS=${SECS:-10}
PORT=${PORT:-8181}
HOST=127.0.0.1
BASE="http://$HOST:$PORT"
export DATABASE_URL=${DATABASE_URL:-postgresql://hallway:hallway@127.0.0.1/hallway_bench}

LIST="/v1/books?page[size]=20&include=author,tags"
DETAIL="/v1/books/1"
PLAIN="/v1/authors?page[size]=20"

bash scripts/services.sh postgres
if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
  echo "port $PORT is already in use" >&2
  exit 1
fi

uv run python bench/seed_engine.py

uv run uvicorn bench.engine_app:app --host "$HOST" --port "$PORT" --loop uvloop --http httptools \
  --workers 1 --no-access-log --log-level warning &
launcher=$!
worker=""
stop() {
  [ -n "$worker" ] && kill "$worker" 2>/dev/null || true
  kill "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 60); do
  curl -sf -o /dev/null "$BASE$DETAIL" && break
  sleep 0.5
done
# The process that owns the listening socket is the worker (not the `uv run` launcher).
worker=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
if [ -z "$worker" ] || ! tr '\0' ' ' </proc/"$worker"/cmdline | grep -q python; then
  echo "cannot find the uvicorn worker on port $PORT" >&2
  exit 1
fi
echo "uvicorn worker pid $worker ($(tr '\0' ' ' </proc/"$worker"/cmdline | cut -c1-60)...)"

# Sanity: the documents are what we mean to measure.
check() {  # path python-assertion
  curl -sgf "$BASE$1" | python3 -c "import json,sys; d=json.load(sys.stdin); assert $2, '$1'"
}
check "$LIST" "len(d['data']) == 20 and {i['type'] for i in d['included']} == {'author', 'tag'} \
  and all('data' in r['relationships']['tags'] for r in d['data'])"
check "$DETAIL" "d['data']['id'] == '1' and d['data']['type'] == 'book'"
check "$PLAIN" "len(d['data']) == 20 and 'included' not in d and d['meta']['count'] == 200"
echo "sanity checks passed"

if [ "${PROFILE:-0}" = 1 ]; then
  mkdir -p bench/out
  uv run --with py-spy py-spy --version >/dev/null
  timeout 40 wrk -t2 -c"$CONNS" -d24s "$BASE$LIST" >/dev/null &
  load=$!
  sleep 1
  timeout 20 uv run --with py-spy py-spy record -o bench/out/profile.svg -r 200 -d 10 --pid "$worker"
  timeout 20 uv run --with py-spy py-spy record -f raw -o bench/out/profile.txt -r 200 -d 10 \
    --pid "$worker"
  wait "$load" || true
fi

# Same technique as ../shared/bench-floor/measure.sh (utime+stime from /proc/PID/stat around a
# bounded wrk run), but PostgreSQL CPU counts only the backends serving the bench database, so
# other sessions on this PostgreSQL do not leak in. Backends that exit mid-run are missed (the
# pool keeps its connections under steady load; the ones it opens mid-run are counted in full).
tick=$(getconf CLK_TCK)
dbname=${DATABASE_URL##*/}
dbname=${dbname%%\?*}
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
pg_backends() {  # "pid:ticks" for every backend connected to the bench database
  local pid
  for pid in $(runuser -u postgres -- psql -qtA -c \
    "select pid from pg_stat_activity where datname = '$dbname' and pid <> pg_backend_pid()"); do
    awk -v p="$pid" '{printf "%s:%d ", p, $14+$15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}
measure() {  # path -> one table row
  local url="$BASE$1" out a b pa pb
  timeout 10 wrk -t2 -c"$CONNS" -d2s "$url" >/dev/null
  a=$(cpu "$worker"); pa=$(pg_backends)
  out=$(timeout $((SECS + 10)) wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$url")
  b=$(cpu "$worker"); pb=$(pg_backends)
  python3 - "$1" "$out" $((b - a)) "$pa" "$pb" "$tick" <<'PY'
import re, sys
path, out, server, before, after, tick = sys.argv[1:]
snap = lambda s: dict(map(int, item.split(":")) for item in s.split())
before, after = snap(before), snap(after)
pg = sum(ticks - before.get(pid, 0) for pid, ticks in after.items())
reqs = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50, p99 = (re.search(rf"^\s+{q}%\s+(\S+)", out, re.M).group(1) for q in (50, 99))
bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
ms = lambda ticks: f"{ticks * 1000 / int(tick) / reqs:.2f}"
print(f"| `GET {path}` | {rps:.0f} | {p50} | {p99} | {ms(int(server))} | {ms(pg)} | {bad} |")
PY
}

printf '\n| request | req/s | p50 | p99 | server CPU-ms/req | PostgreSQL CPU-ms/req | errors |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
failed=0
for path in "$LIST" "$DETAIL" "$PLAIN"; do
  row=$(measure "$path")
  echo "$row"
  [[ $row == *"| 0 |" ]] || failed=1  # non-2xx responses and socket errors must both be zero
done
exit $failed
