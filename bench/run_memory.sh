#!/usr/bin/env bash
# Memory of the embedded server: RSS (from /proc) of `hallway run` on a fresh SQLite database
# after start and after 1,000 mixed requests, and of the idle `run --workers 2` supervisor.
#   bash bench/run_memory.sh              # this checkout
#   REF=<commit> bash bench/run_memory.sh # also a commit before, for before/after figures
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null; then
  ./manage sync
  export PATH="$PWD/.tools/bin:$PATH"
fi
uv sync --frozen --quiet
echo "| measure | RSS |"
echo "|---|---:|"
if [ -n "${REF:-}" ]; then
  before=$(mktemp -d)
  git worktree add -q --detach "$before" "$REF"
  trap 'git worktree remove --force "$before"' EXIT
  echo "| **before** ($REF) | |"
  PYTHONPATH="$before/src" uv run --frozen python bench/memory.py
  echo "| **after** ($(git rev-parse --short HEAD)) | |"
fi
PYTHONPATH="$PWD/src" uv run --frozen python bench/memory.py
