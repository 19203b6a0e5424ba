#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cpp) with clang and runs each for a bounded time,
# starting from its seed corpus in fuzz/corpus/<target>/. Any crash, leak or timeout fails.
#   scripts/fuzz.sh [seconds-per-target]   (default 60)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
"$root/scripts/build.sh" fuzz
work="$root/build/fuzz/corpus-work"
status=0
shopt -s nullglob
for source in "$root"/fuzz/*_fuzz.cpp; do
  target="$(basename "$source" .cpp)"
  corpus="$work/$target"
  rm -rf "$corpus"; mkdir -p "$corpus"
  if [[ -d "$root/fuzz/corpus/$target" ]]; then cp -r "$root/fuzz/corpus/$target/." "$corpus/"; fi
  echo "fuzz: $target for ${seconds}s"
  if ! (cd "$root/build/fuzz" && "./$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 > "$target.log" 2>&1); then
    echo "fuzz: $target FAILED"; tail -n 60 "$root/build/fuzz/$target.log"; status=1
  else
    grep -E "^(stat::number_of_executed_units|Done)" "$root/build/fuzz/$target.log" || true
  fi
done
exit "$status"
