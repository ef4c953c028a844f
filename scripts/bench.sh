#!/usr/bin/env bash
# Side-by-side benchmark over the real corpus: `budgetpdf text` against poppler's
# `pdftotext` (and, once installed, pdfplumber), each command run over all files.
# Usage: bash scripts/bench.sh [DIR]     Needs: hyperfine, poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/corpus/real}"
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
cargo build --release -q
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/budgetpdf"
hyperfine --warmup 2 --runs 10 -N \
  --command-name "budgetpdf text" "bash -c 'for f in $DIR/*.pdf; do $BIN text \"\$f\" >/dev/null; done'" \
  --command-name "pdftotext" "bash -c 'for f in $DIR/*.pdf; do pdftotext \"\$f\" - >/dev/null; done'" \
  --export-markdown target/bench-text.md
echo
echo "peak memory (largest max RSS over the corpus files):"
# Each tool's own RSS on each file; the largest is reported.
peak_rss() {
  local peak=0 kb f
  for f in "$DIR"/*.pdf; do
    kb=$(/usr/bin/time -f %M bash -c "$1" _ "$f" 2>&1 >/dev/null | tail -1)
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  echo "$peak"
}
echo "  budgetpdf text: $(peak_rss "exec $BIN text \"\$1\"") KB"
echo "  pdftotext:      $(peak_rss 'exec pdftotext -q "$1" -') KB"
