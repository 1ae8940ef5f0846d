# Shared by the benchmark scripts (source it): start one uvicorn worker, measure requests with
# wrk, and print one Markdown table row per request.
#
# Server CPU is the utime+stime of the uvicorn worker process (the one that owns the listening
# socket, not the `uv run` launcher), read from /proc/PID/stat before and after a bounded wrk run
# and divided by the number of requests (the technique of ../shared/bench-floor/measure.sh).
# PostgreSQL CPU counts only the backends connected to the benchmark's database, so other
# sessions on this PostgreSQL do not leak in. Backends that exit mid-run are missed (the pool
# keeps its connections under steady load; the ones it opens mid-run are counted in full).

# uv from PATH, else where ./manage installs it (.tools/bin), installing it first when missing.
if ! command -v uv >/dev/null; then
  ./manage sync
  export PATH="$PWD/.tools/bin:$PATH"
fi

HOST=${HOST:-127.0.0.1}
CONNS=${CONNS:-16}
SECS=${SECS:-10}
TICK=$(getconf CLK_TCK)
launchers=()
workers=()
worker=""  # the process `measure` reads the CPU of: the last one started, unless set

need_tools() {
  bash scripts/services.sh postgres
  if ! command -v wrk >/dev/null; then
    apt-get install -y -qq wrk >/dev/null 2>&1 ||
      { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  fi
}

pg_socket() {  # let the hallway role in through PostgreSQL's Unix socket with its password
  local hba
  hba=$(runuser -u postgres -- psql -qtAX -c "SHOW hba_file")
  if ! grep -q '^local all hallway scram-sha-256' "$hba"; then
    sed -i '0,/^local *all *all /s//local all hallway scram-sha-256\n&/' "$hba"
    runuser -u postgres -- psql -qtAX -c "SELECT pg_reload_conf()" >/dev/null
  fi
}

stop_server() {  # every server started
  local pid
  for pid in "${workers[@]}" "${launchers[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${launchers[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

start_server() {  # port ready-path uvicorn-args... -> sets $worker
  local port=$1 ready=$2
  shift 2
  if ss -ltn "sport = :$port" | grep -q LISTEN; then
    echo "port $port is already in use" >&2
    return 1
  fi
  uv run uvicorn "$@" --host "$HOST" --port "$port" --loop uvloop --http httptools \
    --workers 1 --no-access-log --log-level warning &
  launchers+=($!)
  trap stop_server EXIT
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://$HOST:$port$ready" && break
    sleep 0.5
  done
  worker=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  if [ -z "$worker" ] || ! tr '\0' ' ' <"/proc/$worker/cmdline" | grep -q python; then
    echo "cannot find the uvicorn worker on port $port" >&2
    return 1
  fi
  workers+=("$worker")
  echo "uvicorn worker pid $worker ($(tr '\0' ' ' <"/proc/$worker/cmdline" | cut -c1-60)...)"
}

_cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }

_pg_backends() {  # database -> "pid:ticks" for every backend connected to it
  local pid
  for pid in $(runuser -u postgres -- psql -qtA -c \
    "select pid from pg_stat_activity where datname = '$1' and pid <> pg_backend_pid()"); do
    awk -v p="$pid" '{printf "%s:%d ", p, $14+$15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}

table_header() {
  printf '\n| request | req/s | p50 | p99 | server CPU-ms/req | PostgreSQL CPU-ms/req | errors |\n'
  printf '|---|---:|---:|---:|---:|---:|---:|\n'
}

# measure LABEL URL EXPECT [wrk options...] -> one table row. EXPECT is 2xx (every response a
# success) or non-2xx (every response an expected error, e.g. a 404). Errors counts socket
# errors and the responses that were not as expected; the caller checks it is 0.
measure() {
  local label=$1 url=$2 expect=$3 out a b pa pb db
  shift 3
  db=${DATABASE_URL##*/}
  db=${db%%\?*}
  timeout 20 wrk -t2 -c"$CONNS" -d2s "$@" "$url" >/dev/null
  a=$(_cpu "$worker")
  pa=$(_pg_backends "$db")
  out=$(timeout $((SECS + 30)) wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$@" "$url")
  b=$(_cpu "$worker")
  pb=$(_pg_backends "$db")
  python3 - "$label" "$out" $((b - a)) "$pa" "$pb" "$TICK" "$expect" <<'PY'
import re, sys
label, out, server, before, after, tick, expect = sys.argv[1:]
snap = lambda s: dict(map(int, item.split(":")) for item in s.split())
before, after = snap(before), snap(after)
pg = sum(ticks - before.get(pid, 0) for pid, ticks in after.items())
reqs = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50, p99 = (re.search(rf"^\s+{q}%\s+(\S+)", out, re.M).group(1) for q in (50, 99))
non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
bad = non2xx if expect == "2xx" else reqs - non2xx
bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
ms = lambda ticks: f"{ticks * 1000 / int(tick) / reqs:.2f}"
print(f"| {label} | {rps:.0f} | {p50} | {p99} | {ms(int(server))} | {ms(pg)} | {bad} |")
PY
}

# The databases of a run beside the floor: psql as postgres, a fresh database, and the floor's
# own (role bench, database limitbench, seeded with its 200 events by its seed.py).
psql_admin() { runuser -u postgres -- psql -qX -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
fresh_database() {  # name owner
  psql_admin "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  psql_admin "CREATE DATABASE $1 OWNER $2"
}
FLOOR_DB_URL=postgresql://bench:bench@127.0.0.1/limitbench
seed_floor() {  # floor-directory
  psql_admin "DO \$\$ BEGIN CREATE ROLE bench LOGIN PASSWORD 'bench';
    EXCEPTION WHEN duplicate_object THEN NULL; END \$\$"
  fresh_database limitbench bench
  echo "floor: $(uv run python "$1/seed.py") events"
}

count() {  # url [curl options] -> number of resources in data (1 for a single resource)
  curl -gsf "${@:2}" "$1" | python3 -c "import json,sys
d = json.load(sys.stdin)['data']; print(len(d) if isinstance(d, list) else 1)"
}
size() { curl -gs -o /dev/null -w '%{size_download}' "$1"; }

failed=0
row() {  # worker database-url label url [wrk options...] -> prints measure's row; 1 on errors
  local pid=$1
  local url=$2
  shift 2
  local out
  out=$(worker=$pid DATABASE_URL=$url measure "$@")
  echo "$out"
  [[ $out == *"| 0 |" ]] || failed=1
}

# -- a multi-worker server under a load generator of our own (run_rush.sh, run_checkin.sh) ------
stop_workers() {  # the server of start_workers; its log kept at $KEEP_LOG when set; $WORK removed
  # (the killed server's exit status is not an error of the script)
  if [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_LOG:-}" ]; then cp "$WORK/server.log" "$KEEP_LOG"; fi
  rm -rf "$WORK"
}
start_workers() {  # port workers log -> sets $SERVER_PID once the health check answers
  uv run --frozen uvicorn --factory hallway.main:create_app --host "$HOST" --port "$1" \
    --workers "$2" --loop uvloop --http httptools --no-access-log --log-level warning \
    --backlog 4096 --timeout-keep-alive 120 >"$3" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://$HOST:$1/health-check" && break
    sleep 0.5
  done
}
descendants() {  # pid -> it and every process below it
  local child
  echo "$1"
  for child in $(pgrep -P "$1" || true); do descendants "$child"; done
}
server_cpu() {  # utime+stime ticks of every process of the server (uv, uvicorn, its workers)
  local total=0 pid
  for pid in $(descendants "$SERVER_PID"); do
    total=$((total + $(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
postgres_cpu() {  # utime+stime ticks of every PostgreSQL process (the machine runs no other)
  local total=0 pid
  for pid in $(pgrep -x postgres); do
    total=$((total + $(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
rush_load() {  # base-url seed-json mode -> bench/rush.mjs's JSON summary, with the server's
  # ($SERVER_PID and below) and PostgreSQL's CPU-ms per order
  local before after pg_before pg_after out
  before=$(server_cpu)
  pg_before=$(postgres_cpu)
  out=$(node bench/rush.mjs "$1" "$2" "$3")
  after=$(server_cpu)
  pg_after=$(postgres_cpu)
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); n=max(d['done'],1); t=int(sys.argv[4]); \
d['server_cpu_ms_per_order']=round(int(sys.argv[2])*1000/t/n,2); \
d['postgres_cpu_ms_per_order']=round(int(sys.argv[3])*1000/t/n,2); \
print(json.dumps(d))" "$out" $((after - before)) $((pg_after - pg_before)) "$TICK"
}
