#!/usr/bin/env bash
# Builds shnor and runs the main job: `shnor demo` on the embedded sample region (SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSHNOR_TESTS=OFF -DSHNOR_BENCH=OFF >/dev/null
cmake --build build --target shnor -j "$(nproc)"
./build/shnor demo "$@"
