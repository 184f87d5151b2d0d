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

mapfile -t files < <(find tests -name '*.test.ts' -not -path '*/node_modules/*' | sort)
node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
