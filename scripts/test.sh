#!/usr/bin/env bash
# Builds shnor and runs every test twice: an optimised build, then AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"

run_suite() {
  local dir="$1"; shift
  echo "== build $dir ($*)"
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "== test $dir"
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHNOR_TESTS=ON -DSHNOR_BENCH=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DSHNOR_SANITIZE=ON -DSHNOR_TESTS=ON -DSHNOR_BENCH=OFF
