#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (no browser download by Playwright).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "setup-browser: Debian's chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
