#!/usr/bin/env bash
# Engine micro-benchmark: the toy resources on PostgreSQL, one uvicorn worker, wrk on 127.0.0.1.
#   bash bench/run_engine.sh              # seed, serve, measure three requests, print a table
#   PROFILE=1 bash bench/run_engine.sh    # also record a py-spy flame graph of the list request
# Env: CONNS (16), SECS (10), PORT (8181), DATABASE_URL (the hallway_bench database).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PORT=${PORT:-8181}
BASE="http://$HOST:$PORT"
export DATABASE_URL=${DATABASE_URL:-postgresql://hallway:hallway@127.0.0.1/hallway_bench}

LIST="/v1/books?page[size]=20&include=author,tags"
DETAIL="/v1/books/1"
PLAIN="/v1/authors?page[size]=20"

need_tools
uv run python bench/seed_engine.py
start_server "$PORT" "$DETAIL" bench.engine_app:app

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

table_header
failed=0
for path in "$LIST" "$DETAIL" "$PLAIN"; do
  row=$(measure "\`GET $path\`" "$BASE$path" 2xx)
  echo "$row"
  [[ $row == *"| 0 |" ]] || failed=1  # unexpected responses and socket errors must both be zero
done
exit $failed
