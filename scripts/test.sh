#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, builds, type-checks and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
/usr/bin/python3 -c 'import msal' 2>/dev/null || need_apt+=(python3-msal)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run build
npm run typecheck

# Unit, integration and packaging tests two files at a time; the browser journeys one at a time,
# since each drives Chromium, the service and both emulators on a 2-core machine.
mapfile -t files < <(find tests -name '*.test.ts' -not -path 'tests/e2e/*' -not -path '*/node_modules/*' | sort)
mapfile -t journeys < <(find tests/e2e -name '*.test.ts' | sort)
status=0
node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}" || status=1
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${journeys[@]}" || status=1
exit $status
