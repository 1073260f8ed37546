#!/usr/bin/env bash
# Installs the project's dependencies when they are missing or older than package-lock.json, and the Debian
# packages they need to build (libsecret for keytar, which office-addin-debugging pulls in). Extra Debian packages
# named as arguments (the test run asks for chromium) are installed too when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=()
for package in "$@"; do dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || packages+=("$package"); done
pkg-config --exists libsecret-1 2>/dev/null || packages+=(libsecret-1-dev pkg-config)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing ${packages[*]} (Debian packages)" >&2
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } \
    >test-output/apt.log 2>&1 || { echo "apt-get install failed; see test-output/apt.log" >&2; tail -20 test-output/apt.log >&2; }
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm install, pinned by package-lock.json)" >&2
  # Not `npm ci`: it insists on every platform's optional binaries (e.g. unrs-resolver's macOS and Windows builds)
  # being resolvable, and registries that mirror only some platforms answer 404 for the others.
  npm install --no-audit --no-fund >test-output/npm-install.log 2>&1 || { tail -40 test-output/npm-install.log >&2; exit 1; }
fi
