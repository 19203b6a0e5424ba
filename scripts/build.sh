#!/usr/bin/env bash
# Configures and builds one flavour of Kinchain.
#   scripts/build.sh [release|sanitize|fuzz] [TARGET...]   (default release, every target)
#   -> build/<flavour>
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
flavour="${1:-release}"
shift || true
targets=()
for target in "$@"; do targets+=(--target "$target"); done
jobs="$(nproc)"

case "$flavour" in
  release)  args=(-DCMAKE_BUILD_TYPE=Release) ;;
  # Sanitizer and fuzz builds: -O1 with line tables only compiles fast on CI's 2 cores and
  # still gives readable stack traces.
  # The sanitizer suite runs as one process per core (KINCHAIN_TEST_SHARDS): instrumented
  # start-up and the whole-trial fixtures then cost once per shard, not once per test.
  # Both build from scratch on CI, so they precompile the heavy third-party headers.
  sanitize) args=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DKINCHAIN_SANITIZE=ON
                  -DKINCHAIN_BUILD_BENCH=OFF "-DKINCHAIN_TEST_SHARDS=$jobs"
                  -DKINCHAIN_PRECOMPILED_HEADERS=ON) ;;
  fuzz)     args=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DKINCHAIN_FUZZ=ON
                  -DCMAKE_CXX_COMPILER=clang++-14 -DKINCHAIN_PRECOMPILED_HEADERS=ON) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release, sanitize, fuzz)" >&2; exit 2 ;;
esac

cmake -S "$root" -B "$root/build/$flavour" "${args[@]}" > "$root/build-$flavour-configure.log" \
  || { cat "$root/build-$flavour-configure.log"; exit 1; }
rm -f "$root/build-$flavour-configure.log"
cmake --build "$root/build/$flavour" -j "$jobs" "${targets[@]}"
