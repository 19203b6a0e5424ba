#!/usr/bin/env bash
# The whole test suite: builds the release flavour and runs every test through CTest.
#   scripts/test.sh [release|sanitize]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
flavour="${1:-release}"
"$root/scripts/build.sh" "$flavour"
cd "$root/build/$flavour"
ctest --output-on-failure -j "$(nproc)"
