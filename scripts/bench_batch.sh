#!/usr/bin/env bash
# Batch benchmark: the 13 real corpus files replicated to N documents (default
# 1000), extracted with 1 job and with 2, side by side with pdftotext (one
# process per file, 1 and 2 at a time) and pdfplumber (lines strategy, tables of
# every page; run over the 13 distinct files only, as it is ~50x slower, and
# reported per document). Prints documents/second, the speed-up, and peak RSS.
# Usage: bash scripts/bench_batch.sh [N]      Needs: hyperfine, poppler-utils, pdfplumber.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
CORPUS=../shared/corpus/real
WORK=target/bench-batch
cargo build --release -q
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/budgetpdf"
rm -rf "$WORK" && mkdir -p "$WORK/in"
files=("$CORPUS"/*.pdf)
for ((i = 0; i < N; i++)); do
  src="${files[$((i % ${#files[@]}))]}"
  ln -s "$(realpath "$src")" "$WORK/in/doc$(printf %05d "$i").pdf"
done
echo "== $N documents"
hyperfine --runs 3 --warmup 1 -N \
  --prepare "rm -rf $WORK/out" \
  --command-name "budgetpdf extract --jobs 1" "$BIN extract -q --jobs 1 $WORK/in -o $WORK/out" \
  --command-name "budgetpdf extract --jobs 2" "$BIN extract -q --jobs 2 $WORK/in -o $WORK/out" \
  --command-name "pdftotext, 1 at a time" "bash -c 'ls $WORK/in/*.pdf | xargs -P 1 -I{} pdftotext -q {} -'" \
  --command-name "pdftotext, 2 at a time" "bash -c 'ls $WORK/in/*.pdf | xargs -P 2 -I{} pdftotext -q {} -'" \
  --export-json "$WORK/hyperfine.json" | grep -E "Benchmark|Time"
python3 - "$WORK/hyperfine.json" "$N" <<'PY'
import json, sys
runs = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
for name, mean in runs.items():
    print(f"  {name}: {n / mean:.1f} documents/s")
one, two = runs["budgetpdf extract --jobs 1"], runs["budgetpdf extract --jobs 2"]
print(f"  speed-up with 2 jobs: {one / two:.2f}x")
print(f"  budgetpdf (2 jobs) vs pdftotext (2 at a time): {runs['pdftotext, 2 at a time'] / two:.2f}x faster")
PY
rm -rf "$WORK/out"
rss=$(/usr/bin/time -f %M "$BIN" extract -q --jobs 2 "$WORK/in" -o "$WORK/out" 2>&1 >/dev/null | tail -1)
echo "  peak RSS, budgetpdf extract --jobs 2 over $N documents: $((rss / 1024)) MB"
if python3 -c "import pdfplumber" 2>/dev/null; then
  start=$(date +%s.%N)
  python3 - "$CORPUS" <<'PY'
import pathlib, sys, pdfplumber
for pdf in sorted(pathlib.Path(sys.argv[1]).glob("*.pdf")):
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
                table.extract()
PY
  end=$(date +%s.%N)
  python3 -c "print(f'  pdfplumber (lines strategy, 13 documents, one process): {13 / ($end - $start):.2f} documents/s')"
fi
