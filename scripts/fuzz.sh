#!/usr/bin/env bash
# The fuzzing campaign (examples/fuzz.rs): damaged copies of the samples and
# the real corpus run through the whole extraction for N minutes, each under
# a time limit and a memory budget. Findings (panics, internal errors, runs
# over time or memory) are saved in target/fuzz/findings/, silent losses
# (a clean read that lost pages or tables) in target/fuzz/silent/, and the
# report in target/fuzz/report.txt; keep a finding as a fixture in
# tests/fixtures/ once it is fixed. Exit 1 on any finding, 3 on a hang.
#
# Usage: bash scripts/fuzz.sh [MINUTES]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-60}"
OUT="${CARGO_TARGET_DIR:-target}/fuzz"
cargo build --release -q --example fuzz
exec "${CARGO_TARGET_DIR:-target}/release/examples/fuzz" --minutes "$MINUTES" --out "$OUT" \
  --timeout 10 --memory-mb 2048 samples tests/corpus/real
