#!/usr/bin/env bash
# The whole test suite: builds the release flavour and runs every test through CTest.
#   scripts/test.sh [release|sanitize]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
flavour="${1:-release}"
# Only what the suite runs: the command line and the test binary (benchmarks are built by
# `scripts/build.sh release` and never timed in tests).
"$root/scripts/build.sh" "$flavour" kinchain kinchain_tests
cd "$root/build/$flavour"
ctest --output-on-failure -j "$(nproc)"
