#!/usr/bin/env bash
# Installs the project's dependencies when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm ci)" >&2
  mkdir -p test-output
  npm ci --no-audit --no-fund >test-output/npm-ci.log 2>&1 || { tail -40 test-output/npm-ci.log >&2; exit 1; }
fi
