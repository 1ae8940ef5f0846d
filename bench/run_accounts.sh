#!/usr/bin/env bash
# Accounts benchmark: the real app (hallway.main:create_app) on PostgreSQL, one uvicorn worker.
#   bash bench/run_accounts.sh            # migrate, seed one account, measure, print a table
# Measures the login (POST /auth/session, argon2 by design) and what authentication adds to a
# read: GET /v1/users/{id} with the account's JWT against the same URL anonymous (a 404: only
# the account itself or an admin may see it), and GET /v1/roles/1 anonymous against the same
# request with the JWT (both 200), which isolates the cost of authenticating.
# Env: CONNS (16), LOGIN_CONNS (4), SECS (10), PORT (8182), DATABASE_URL (a database of its
# own, hallway_bench_accounts, created when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PORT=${PORT:-8182}
LOGIN_CONNS=${LOGIN_CONNS:-4}
BASE="http://$HOST:$PORT"
DB_NAME=hallway_bench_accounts
export DATABASE_URL=${DATABASE_URL:-postgresql://hallway:hallway@127.0.0.1/$DB_NAME}
export SECRET_KEY=${SECRET_KEY:-bench-accounts-secret-key-not-for-production}
# The login is rate-limited per account (LOGIN_LIMIT_PER_MINUTE) and per IP (5x that); wrk
# sends thousands of logins a minute for one account from one IP, so the limit is raised.
export LOGIN_LIMIT_PER_MINUTE=${LOGIN_LIMIT_PER_MINUTE:-10000000}
EMAIL=bench@example.com
PASSWORD=bench-password-1234

PG_DATABASES="${DATABASE_URL##*/}" need_tools
uv run hallway migrate
USER_ID=$(uv run python bench/seed_accounts.py "$EMAIL" "$PASSWORD")
echo "account $EMAIL is user $USER_ID"
start_server "$PORT" /v1/roles/1 --factory hallway.main:create_app

BODY="{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "$BODY" "$BASE/auth/session" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
AUTH="Authorization: JWT $TOKEN"
LOGIN_LUA=$(mktemp --suffix=.lua)
trap 'rm -f "$LOGIN_LUA"; stop_server' EXIT
cat >"$LOGIN_LUA" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA

# Sanity: each request answers what we mean to measure.
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(status -H "$AUTH" "$BASE/v1/users/$USER_ID")" = 200 ]
[ "$(status "$BASE/v1/users/$USER_ID")" = 404 ]
[ "$(status "$BASE/v1/roles/1")" = 200 ]
[ "$(status -H "$AUTH" "$BASE/v1/roles/1")" = 200 ]
[ "$(status -H 'Content-Type: application/json' -d "$BODY" "$BASE/auth/session")" = 200 ]
echo "sanity checks passed"

table_header
rows=(
  "\`POST /auth/session\` (login, $LOGIN_CONNS connections)|$BASE/auth/session|2xx|-s $LOGIN_LUA"
  "\`GET /v1/users/$USER_ID\` with JWT (200)|$BASE/v1/users/$USER_ID|2xx|-H $AUTH"
  "\`GET /v1/users/$USER_ID\` anonymous (404)|$BASE/v1/users/$USER_ID|non-2xx|"
  "\`GET /v1/roles/1\` anonymous (200)|$BASE/v1/roles/1|2xx|"
  "\`GET /v1/roles/1\` with JWT (200)|$BASE/v1/roles/1|2xx|-H $AUTH"
)
failed=0
for spec in "${rows[@]}"; do
  IFS='|' read -r label url expect options <<<"$spec"
  args=()
  case "$options" in
    -s*) args=(-s "${options#-s }") ;;
    -H*) args=(-H "${options#-H }") ;;
  esac
  if [[ $label == *login* ]]; then
    row=$(CONNS=$LOGIN_CONNS measure "$label" "$url" "$expect" "${args[@]}")
  else
    row=$(measure "$label" "$url" "$expect" "${args[@]}")
  fi
  echo "$row"
  [[ $row == *"| 0 |" ]] || failed=1
done
exit $failed
