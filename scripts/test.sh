#!/usr/bin/env bash
# Sets up, builds and runs every test: first the normal build, then the
# suites again under AddressSanitizer + UndefinedBehaviorSanitizer.
# STEPPE_SLOW=1 adds the slow opt-in suites; STEPPE_NO_SANITIZE=1 skips the second build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh build
(cd build && ctest -j2 --output-on-failure)
if [ -z "${STEPPE_NO_SANITIZE:-}" ]; then
  echo "== tests under ASan + UBSan =="
  STEPPE_TARGETS="steppe steppe_tests tck_runner" bash scripts/build.sh build-asan -DSTEPPE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
     STEPPE_SANITIZED=1 ctest -j2 --output-on-failure)
fi
