#!/usr/bin/env bash
# Installs every Debian package Kinchain needs to build, test, fuzz and benchmark.
# Idempotent: packages already present are not fetched again. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  clang-14 libclang-rt-14-dev          # libFuzzer targets
  libeigen3-dev                         # linear algebra
  libpugixml-dev                        # .osim / OpenSim setup XML
  nlohmann-json3-dev                    # JSON records and results
  libcli11-dev                          # command line
  libfmt-dev
  coinor-libipopt-dev                   # nonlinear optimisation (static optimisation)
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium                              # headless check of report.html (no console errors, screenshot)
  libpng-dev                            # reading the screenshot in the report test
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
