#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; nothing here downloads a browser.
# Installs it when missing and we may (root with apt-get), else says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's Chromium for the browser tests…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium not found at $chromium_path. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
