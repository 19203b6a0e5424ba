#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cpp) with clang and runs each for a bounded time,
# starting from its seed corpus in fuzz/corpus/<target>/. Any crash, leak or timeout fails.
# A libFuzzer run uses one core, so the targets run one per core at a time: each still gets its
# full time budget, and CI's two cores finish six targets in three rounds instead of six.
#   scripts/fuzz.sh [seconds-per-target]   (default 60)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
jobs="$(nproc)"
"$root/scripts/build.sh" fuzz
work="$root/build/fuzz/corpus-work"

run_target() {
  local target="$1" corpus="$work/$1"
  rm -rf "$corpus"; mkdir -p "$corpus"
  if [[ -d "$root/fuzz/corpus/$target" ]]; then cp -r "$root/fuzz/corpus/$target/." "$corpus/"; fi
  (cd "$root/build/fuzz" && "./$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
     -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 > "$target.log" 2>&1)
}

shopt -s nullglob
targets=()
for source in "$root"/fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done

status=0
declare -A running=()  # pid -> target
finish_one() {  # waits for any running target (bash 5.1 `wait -n -p`) and prints its verdict
  local pid=""
  if wait -n -p pid; then
    echo "fuzz: ${running[$pid]} passed"
    grep -E "^(stat::number_of_executed_units|Done)" "$root/build/fuzz/${running[$pid]}.log" || true
  else
    echo "fuzz: ${running[$pid]} FAILED"; tail -n 60 "$root/build/fuzz/${running[$pid]}.log"
    status=1
  fi
  unset "running[$pid]"
}
for target in "${targets[@]}"; do
  while ((${#running[@]} >= jobs)); do finish_one; done
  echo "fuzz: $target for ${seconds}s"
  run_target "$target" &
  running[$!]="$target"
done
while ((${#running[@]} > 0)); do finish_one; done
exit "$status"
