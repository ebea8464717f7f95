#!/usr/bin/env bash
# Configures and builds Steppe into build/ (or $1), after the setup step.
# Extra arguments go to CMake's configure step; $STEPPE_TARGETS limits what is built.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=${STEPPE_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
# shellcheck disable=SC2086  # the target list splits on spaces
cmake --build "$dir" -j"${STEPPE_JOBS:-2}" ${STEPPE_TARGETS:+--target $STEPPE_TARGETS}
