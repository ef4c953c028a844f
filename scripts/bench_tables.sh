#!/usr/bin/env bash
# Speed and memory of table extraction over the real corpus:
#   budgetpdf text  vs  budgetpdf tables --format json  vs  pdftotext  vs  pdfplumber
# Each hyperfine command runs its tool once per PDF of DIR (a bash -c loop),
# --warmup 1 --runs 5; the table goes to target/bench-tables.md. Then prints
#   tables/text      (goal: < 1.5)
#   text/pdftotext
#   tables/pdfplumber
# and each tool's peak RSS (largest /usr/bin/time -f %M over the files).
#
# pdfplumber here = a small Python script, one process per PDF: open it, run
# page.find_tables(lines/lines) on every page and extract() each table's text.
# Its time includes starting Python and importing pdfplumber, printed apart.
# pdftotext always writes to stdout (`-`): with one file argument it would
# write FILE.txt next to the input, and DIR is read-only shared data.
#
# Usage: bash scripts/bench_tables.sh [DIR]    (default ../shared/corpus/real)
# Needs: hyperfine (installed with apt-get if missing), poppler-utils,
#        python3 (pdfplumber is installed into target/bench-venv on first use), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/corpus/real}"
DIR="$(cd "$DIR" && pwd)"
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/budgetpdf"
OUT=target/bench-tables.md
JSON=target/bench-tables.json

if ! command -v hyperfine >/dev/null; then
  apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi
command -v pdftotext >/dev/null || { echo "pdftotext missing: bash scripts/setup.sh" >&2; exit 2; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
# pdfplumber in a virtual environment of its own (target/bench-venv), made on first use.
VENV="${CARGO_TARGET_DIR:-$PWD/target}/bench-venv"
if ! "$VENV/bin/python3" -c 'import pdfplumber' 2>/dev/null; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q pdfplumber
fi
export PATH="$VENV/bin:$PATH"
if ! cargo build --release -q; then
  [ -x "$BIN" ] || exit 2
  echo "warning: cargo build --release failed; timing the existing binary" >&2
fi
mkdir -p target

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
PLUMBER="$TMP/plumber_tables.py"
cat >"$PLUMBER" <<'EOF'
import sys, pdfplumber
S = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
with pdfplumber.open(sys.argv[1]) as pdf:
    n = 0
    for page in pdf.pages:
        for table in page.find_tables(table_settings=S):
            n += len(table.extract())
print(n)
EOF

loop() { # loop 'COMMAND using "$f"'
  printf 'for f in %q/*.pdf; do %s >/dev/null; done' "$DIR" "$1"
}

ls -la "$DIR" >"$TMP/before"
hyperfine --warmup 1 --runs 5 -N \
  --command-name "budgetpdf text" "bash -c '$(loop "$BIN text \"\$f\"")'" \
  --command-name "budgetpdf tables --format json" "bash -c '$(loop "$BIN tables \"\$f\" --format json")'" \
  --command-name "pdftotext" "bash -c '$(loop "pdftotext -q \"\$f\" -")'" \
  --command-name "pdfplumber find_tables" "bash -c '$(loop "python3 $PLUMBER \"\$f\"")'" \
  --export-markdown "$OUT" --export-json "$JSON"
ls -la "$DIR" >"$TMP/after"
cmp -s "$TMP/before" "$TMP/after" || echo "warning: $DIR changed during the benchmark" >&2

echo
echo "markdown: $OUT"
N=$(ls "$DIR"/*.pdf | wc -l)
STARTUP=$(python3 - <<'EOF'
import subprocess, time
runs = []
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(["python3", "-c", "import pdfplumber"], check=True)
    runs.append(time.perf_counter() - t)
print(f"{min(runs):.3f}")
EOF
)
python3 - "$JSON" "$N" "$STARTUP" <<'EOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n, startup = int(sys.argv[2]), float(sys.argv[3])
mean = lambda k: res[k]["mean"]
text, tables = mean("budgetpdf text"), mean("budgetpdf tables --format json")
poppler, plumber = mean("pdftotext"), mean("pdfplumber find_tables")
print(f"ratios over {n} PDFs (hyperfine means):")
print(f"  tables/text          {tables / text:6.2f}   (goal < 1.5)   {tables:.3f} s / {text:.3f} s")
print(f"  text/pdftotext       {text / poppler:6.2f}                  {text:.3f} s / {poppler:.3f} s")
print(f"  tables/pdfplumber    {tables / plumber:6.3f}  (pdfplumber {plumber / tables:.0f}x slower)   {tables:.3f} s / {plumber:.3f} s")
print(f"  pdfplumber without Python start + import ({startup:.3f} s x {n}): "
      f"{plumber - n * startup:.3f} s; tables/that {tables / (plumber - n * startup):.3f}")
EOF

echo
echo "peak RSS (largest /usr/bin/time -f %M over the files):"
peak_rss() { # peak_rss 'COMMAND using "$1"'
  local peak=0 kb f
  for f in "$DIR"/*.pdf; do
    kb=$(/usr/bin/time -f %M bash -c "$1" _ "$f" 2>&1 >/dev/null | tail -1)
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  echo "$peak"
}
printf '  %-32s %8s KB\n' "budgetpdf text" "$(peak_rss "exec $BIN text \"\$1\"")"
printf '  %-32s %8s KB\n' "budgetpdf tables --format json" "$(peak_rss "exec $BIN tables \"\$1\" --format json")"
printf '  %-32s %8s KB\n' "pdftotext" "$(peak_rss 'exec pdftotext -q "$1" -')"
printf '  %-32s %8s KB\n' "pdfplumber find_tables" "$(peak_rss "exec python3 $PLUMBER \"\$1\"")"
