#!/usr/bin/env bash
# The tests drive Debian's Chromium and check evidence bundles with the tools a
# third party would use (unzip, sha256sum, signify). Nothing here downloads a
# browser. Installs what is missing when we may (root with apt-get), else says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
command -v signify-openbsd >/dev/null || missing+=(signify-openbsd)
command -v unzip >/dev/null || missing+=(unzip)
command -v zip >/dev/null || missing+=(zip)
# The network-fault tests run only as root (network namespaces, nftables, tc, and iptables' NFQUEUE to a Python delayer).
if [ "$(id -u)" = 0 ]; then
  { command -v ip && command -v tc; } >/dev/null || missing+=(iproute2)
  command -v nft >/dev/null || missing+=(nftables)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v python3 >/dev/null || missing+=(python3)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing for the tests: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}); set CHROMIUM_PATH if Chromium lives elsewhere." >&2
  exit 1
fi
