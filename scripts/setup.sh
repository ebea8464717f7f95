#!/usr/bin/env bash
# Installs the Debian packages Steppe builds against, when any is missing.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(build-essential cmake pkg-config librocksdb-dev libboost-graph-dev
  libcpp-httplib-dev nlohmann-json3-dev doctest-dev libgraphviz-dev iso-codes
  libicu-dev libre2-dev libcli11-dev python3
  chromium wrk)  # the explorer's browser test and bench/http_load.sh
# Node.js with npm (the explorer's cytoscape, the browser test's playwright-core):
# Debian's packages unless a node with npm is already there.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The explorer page's npm packages (server/web/package-lock.json): cytoscape is
# embedded into the binary, playwright-core drives the browser test.
if [ ! -d server/web/node_modules/playwright-core ] ||
   [ server/web/package-lock.json -nt server/web/node_modules/.package-lock.json ]; then
  (cd server/web && npm ci --no-audit --no-fund --loglevel=error)
fi
