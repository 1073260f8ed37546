#!/usr/bin/env bash
# Installs the project's dependencies when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm install, pinned by package-lock.json)" >&2
  mkdir -p test-output
  # Not `npm ci`: it insists on every platform's optional binaries (e.g. unrs-resolver's macOS and Windows builds)
  # being resolvable, and registries that mirror only some platforms answer 404 for the others.
  npm install --no-audit --no-fund >test-output/npm-install.log 2>&1 || { tail -40 test-output/npm-install.log >&2; exit 1; }
fi
