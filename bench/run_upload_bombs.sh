#!/usr/bin/env bash
# Upload memory benchmark (security finding 2): the real app (hallway.main:create_app) on
# PostgreSQL, one uvicorn worker, hit by bursts of 20 concurrent image uploads: decompression
# bombs (refused from their header), then 6000x4000 camera photos (decoded by the image
# workers). Prints the server process's RSS when idle, at its peak during each burst and
# after it; the target is "after" within 50 MB of idle.
#   bash bench/run_upload_bombs.sh
# Env: PORT (8184), BURST (20), UPLOAD_WORKERS / UPLOAD_QUEUE (the app's defaults: one worker
# per core, 8 waiting), DATABASE_URL (a database of its own, hallway_bench_uploads).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

PORT=${PORT:-8184}
BASE="http://$HOST:$PORT"
DB_NAME=hallway_bench_uploads
export DATABASE_URL=${DATABASE_URL:-postgresql://hallway:hallway@127.0.0.1/$DB_NAME}
export SECRET_KEY=${SECRET_KEY:-bench-uploads-secret-key-not-for-production}
MEDIA=$(mktemp -d)
export UPLOAD_DIR=$MEDIA
# One account on one address sends every burst: the rate limits have tests of their own.
export UPLOAD_LIMIT_PER_MINUTE=1000000 UPLOAD_LIMIT_PER_HOUR=1000000
export UPLOAD_ADDRESS_LIMIT_PER_MINUTE=1000000 UPLOAD_ADDRESS_LIMIT_PER_HOUR=1000000
EMAIL=bench-uploads@example.com
PASSWORD=bench-password-1234

PG_DATABASES="${DATABASE_URL##*/}" bash scripts/services.sh postgres
uv run hallway migrate
USER_ID=$(uv run python bench/seed_accounts.py "$EMAIL" "$PASSWORD")
echo "account $EMAIL is user $USER_ID; media in $MEDIA"
start_server "$PORT" /health-check --factory hallway.main:create_app
trap 'stop_server; rm -rf "$MEDIA"' EXIT

uv run python bench/upload_bombs.py "$BASE" "$worker" "$EMAIL" "$PASSWORD"
