#!/usr/bin/env bash
# Installs the Debian packages Steppe builds against, when any is missing.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail
packages=(build-essential cmake pkg-config librocksdb-dev libboost-graph-dev
  libcpp-httplib-dev nlohmann-json3-dev doctest-dev libgraphviz-dev iso-codes
  libicu-dev libre2-dev libcli11-dev python3)
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
