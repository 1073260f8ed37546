#!/usr/bin/env bash
# The one test command (`npm test`): installs what it needs, Chromium included, then runs typecheck,
# lint, the Jest suites, the production build and the browser end-to-end tests.
# Ends with the plain line "N passed, N failed" that CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-output
mkdir -p "$out" && find "$out" -mindepth 1 -maxdepth 1 ! -name npm-install.log ! -name apt.log -exec rm -rf {} +

# Chromium for the browser tests, on top of what every command needs.
chromium=()
[ -x /usr/bin/chromium ] || chromium=(chromium)
bash scripts/ensure-deps.sh "${chromium[@]}" || { echo "0 passed, 1 failed"; exit 1; }

step_results=()
run_step() {
  local name=$1; shift
  echo "== $name"
  if "$@" >"$out/$name.log" 2>&1; then step_results+=("$name:pass"); else step_results+=("$name:fail"); tail -60 "$out/$name.log"; fi
}

run_step typecheck npx tsc --noEmit -p tsconfig.json
run_step lint npx eslint . --max-warnings=0
echo "== jest (unit, adapter, client, CLI, reliability)"
npx jest --ci --json --outputFile="$out/jest-unit.json" 2>&1 | tee "$out/jest-unit.log" | grep -E "^(PASS|FAIL)|●" | head -200
run_step build npx webpack --mode production
echo "== jest (browser end-to-end)"
npx jest --ci -c jest.e2e.config.js --json --outputFile="$out/jest-e2e.json" 2>&1 | tee "$out/jest-e2e.log" | grep -E "^(PASS|FAIL)|●" | head -200

node scripts/summarize-tests.js "$out" "${step_results[@]}"
