#!/usr/bin/env bash
# The whole pipeline against the anchors, side by side, one thread.
#
# For each corpus (default: ../shared/corpus/real and ../shared/corpus/real2),
# with and without the files that carry an ICC colour profile (poppler spends
# most of its time on those in its colour library, which would flatter us):
#   - `budgetpdf extract DIR --jobs 1` (every stage: text, tables, records,
#     facts, checks, JSON), `pdftotext -layout` and `mutool draw -F txt` on each
#     file, timed by hyperfine over ROUNDS rounds;
#   - the min and median of each, and budgetpdf's time as a share of each
#     anchor's (lower is better; 0.25 = four times faster);
#   - budgetpdf's instructions per page under callgrind (exact and repeatable,
#     so a regression shows as a number even on a noisy machine);
#   - the peak RSS of each tool on the corpus's largest file.
#
# Usage: bash scripts/bench.sh [--rounds N] [--no-callgrind] [--bin PATH] [DIR...]
# Needs: hyperfine, poppler-utils, mupdf-tools, valgrind, qpdf (installed if missing).
# Results: printed, and as Markdown in target/bench/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=7
CALLGRIND=1
BIN=""
DIRS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --no-callgrind) CALLGRIND=0; shift ;;
    --bin) BIN="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) DIRS+=("$1"); shift ;;
  esac
done
[ ${#DIRS[@]} -eq 0 ] && DIRS=(../shared/corpus/real ../shared/corpus/real2)

need() { command -v "$1" >/dev/null || NEED+=("$2"); }
NEED=()
need hyperfine hyperfine; need pdftotext poppler-utils; need mutool mupdf-tools
need valgrind valgrind; need qpdf qpdf
if [ ${#NEED[@]} -gt 0 ]; then
  echo "installing ${NEED[*]}" >&2
  apt-get install -y -qq "${NEED[@]}" >/dev/null
fi
if [ -z "$BIN" ]; then
  cargo build --release -q
  BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/budgetpdf"
fi

WORK=target/bench
rm -rf "$WORK"
mkdir -p "$WORK"
SUMMARY="$WORK/summary.md"
{
  echo "# budgetpdf against pdftotext and MuPDF"
  echo
  echo "$("$BIN" --version), $(pdftotext -v 2>&1 | head -1), mutool $(mutool -v 2>&1 | awk '{print $NF}' | head -1); $ROUNDS rounds, one thread, $(nproc) cores"
  echo
  echo "| corpus | files | pages | budgetpdf min / median | pdftotext -layout min / median | mutool min / median | share of pdftotext (min, median) | share of mutool (min, median) |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$SUMMARY"

# A file carries an ICC profile when its objects (uncompressed by qpdf) name
# an ICCBased colour space or an output intent's profile.
has_icc() {
  # grep -c reads to the end (grep -q would stop early and, under pipefail,
  # turn qpdf's broken pipe into a "no").
  local n
  n=$(qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | grep -acE '/ICCBased|/DestOutputProfile' || true)
  [ "${n:-0}" -gt 0 ]
}

pages_of() {
  local total=0 f n
  for f in "$@"; do
    n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    total=$((total + ${n:-0}))
  done
  echo "$total"
}

# bench NAME FILES... : one hyperfine run of the three tools over the files,
# linked into a directory of their own so `extract` reads exactly them.
bench() {
  local name="$1"; shift
  local dir="$WORK/$name/in" out="$WORK/$name/out"
  mkdir -p "$dir"
  local f
  for f in "$@"; do ln -s "$(realpath "$f")" "$dir/"; done
  local list="$WORK/$name/files"
  printf '%s\n' "$@" | xargs -n1 realpath >"$list"
  local pages
  pages=$(pages_of "$@")
  echo "== $name: $# files, $pages pages" >&2
  hyperfine -N --warmup 1 --runs "$ROUNDS" --style basic \
    --command-name budgetpdf "$BIN extract $dir -o $out --jobs 1 --force -q" \
    --command-name pdftotext "bash -c 'while read -r f; do pdftotext -q -layout \"\$f\" - >/dev/null; done < $list'" \
    --command-name mutool "bash -c 'while read -r f; do mutool draw -q -F txt -o /dev/null \"\$f\" 2>/dev/null; done < $list'" \
    --export-json "$WORK/$name/times.json" >&2
  python3 - "$WORK/$name/times.json" "$name" "$#" "$pages" >>"$SUMMARY" <<'EOF'
import json, statistics, sys
runs = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
name, files, pages = sys.argv[2:5]
mn = {k: min(v) for k, v in runs.items()}
md = {k: statistics.median(v) for k, v in runs.items()}
cell = lambda k: f"{mn[k]:.3f} s / {md[k]:.3f} s"
share = lambda k: f"{mn['budgetpdf'] / mn[k]:.2f}, {md['budgetpdf'] / md[k]:.2f}"
print(f"| {name} | {files} | {pages} | {cell('budgetpdf')} | {cell('pdftotext')} | {cell('mutool')} | {share('pdftotext')} | {share('mutool')} |")
EOF
}

for dir in "${DIRS[@]}"; do
  corpus=$(basename "$dir")
  all=("$dir"/*.pdf)
  plain=()
  for f in "${all[@]}"; do has_icc "$f" || plain+=("$f"); done
  bench "$corpus" "${all[@]}"
  if [ ${#plain[@]} -lt ${#all[@]} ]; then
    bench "$corpus-without-icc" "${plain[@]}"
  fi
done

if [ "$CALLGRIND" = 1 ]; then
  {
    echo
    echo "| corpus | budgetpdf instructions (callgrind) | pages | instructions per page |"
    echo "|---|---|---|---|"
  } >>"$SUMMARY"
  for dir in "${DIRS[@]}"; do
    corpus=$(basename "$dir")
    echo "== callgrind: $corpus" >&2
    log="$WORK/callgrind-$corpus.log"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
      "$BIN" extract "$dir" -o "$WORK/callgrind-$corpus" --jobs 1 --force -q 2>"$log" >/dev/null
    ir=$(grep -oE 'Collected : [0-9]+' "$log" | awk '{s += $3} END {printf "%.0f", s}')
    pages=$(pages_of "$dir"/*.pdf)
    echo "| $corpus | $ir | $pages | $((ir / pages)) |" >>"$SUMMARY"
  done
fi

{
  echo
  echo "| corpus | largest file | budgetpdf peak RSS | pdftotext peak RSS | mutool peak RSS |"
  echo "|---|---|---|---|---|"
} >>"$SUMMARY"
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
for dir in "${DIRS[@]}"; do
  largest=$(ls -S "$dir"/*.pdf | head -1)
  echo "| $(basename "$dir") | $(basename "$largest") | $(rss "$BIN" extract "$largest" -o "$WORK/rss" --jobs 1 --force -q) KB | $(rss pdftotext -q -layout "$largest" -) KB | $(rss mutool draw -q -F txt -o /dev/null "$largest") KB |" >>"$SUMMARY"
done

echo
cat "$SUMMARY"
