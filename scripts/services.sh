#!/usr/bin/env bash
# Start the services the PostgreSQL/Redis test runs and benchmarks need. Idempotent.
#   scripts/services.sh postgres   -> PostgreSQL 15 running, role and databases `hallway` ready
#   scripts/services.sh redis      -> redis-server installed and running on 127.0.0.1:6379
set -euo pipefail

PG_USER=${PG_USER:-hallway}
PG_PASSWORD=${PG_PASSWORD:-hallway}
PG_DATABASES=${PG_DATABASES:-"hallway_test hallway_bench hallway_fuzz"}

apt_install() {
  if ! dpkg -s "$@" >/dev/null 2>&1; then
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

start_postgres() {
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  if ! pg_lsclusters -h | awk '$4=="online"' | grep -q .; then
    pg_ctlcluster 15 main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
  done
  local psql=(runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$PG_USER'")" != 1 ]; then
    "${psql[@]}" -c "create role $PG_USER login password '$PG_PASSWORD' createdb"
  fi
  for db in $PG_DATABASES; do
    if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
      "${psql[@]}" -c "create database $db owner $PG_USER"
    fi
  done
}

start_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no
    for _ in $(seq 1 30); do
      redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
}

for service in "$@"; do
  case "$service" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    *) echo "unknown service: $service" >&2; exit 2 ;;
  esac
done
