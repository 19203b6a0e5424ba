#!/usr/bin/env bash
# One command for a fresh Debian machine: install dependencies, build, and run the main job on
# the bundled trial. Results go to out/ (or the directory given as the first argument).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out}"
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" release
kinchain="$root/build/release/kinchain"
trial="$root/data/trials/PiG_Motion-FlatFoot-One.c3d"
mkdir -p "$out"
"$kinchain" info "$trial"
"$kinchain" analyze "$trial" -o "$out/analysis"
echo "setup-and-run: open $out/analysis/report.html (results in $out/analysis/results.json)"
