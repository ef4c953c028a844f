#!/usr/bin/env bash
# A harvest with hostile files mixed in: N documents (copies of samples/ and
# tests/corpus/real) plus the ten hostile inputs of scripts/make_hostile.py,
# extracted with --jobs 2. Checks that every document is answered, that the
# N ordinary outputs are byte-identical to a run without the hostile files,
# and reports each run's time and peak RSS against the memory budget.
#
# Usage: bash scripts/hostile_batch.sh [N]      (default 990)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-990}"
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/budgetpdf"
WORK="${CARGO_TARGET_DIR:-$PWD/target}/hostile-batch"
cargo build --release -q
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
rm -rf "$WORK" && mkdir -p "$WORK/clean" "$WORK/mixed"
mapfile -t SEEDS < <(find samples tests/corpus/real -name '*.pdf' | sort)
for i in $(seq 0 $((N - 1))); do
  seed="${SEEDS[$((i % ${#SEEDS[@]}))]}"
  ln -s "$PWD/$seed" "$WORK/clean/$(printf %04d "$i")-$(basename "$seed")"
done
cp -P "$WORK"/clean/* "$WORK/mixed/"
python3 scripts/make_hostile.py "$WORK/mixed" tests/corpus/real/js-npc-office-2017-dept-budget.pdf >/dev/null
run() {
  /usr/bin/time -f "%e %M" -o "$WORK/$1.time" "$BIN" extract -q --jobs 2 "$WORK/$1" -o "$WORK/out-$1" \
    >/dev/null 2>"$WORK/$1.log" || true
  read -r secs kb < <(tail -1 "$WORK/$1.time")
  echo "$1: $(ls "$WORK/out-$1" | grep -c '\.json$') outputs (incl. summary) for $(ls "$WORK/$1" | wc -l) inputs in ${secs} s, peak RSS $((kb / 1024)) MB"
}
run clean
run mixed
same=0; differ=0
for f in "$WORK"/out-clean/*.json; do
  name=$(basename "$f")
  [ "$name" = summary.json ] && continue
  if cmp -s "$f" "$WORK/out-mixed/$name"; then same=$((same + 1)); else differ=$((differ + 1)); fi
done
echo "ordinary outputs identical with and without the hostile files: $same, different: $differ"
grep -E "^  failed:" "$WORK/mixed.log" | sed 's/^/  /' | cut -c1-160
budget=$("$BIN" extract --help | grep -c max-memory >/dev/null && python3 -c "
kb=[int(l.split()[1]) for l in open('/proc/meminfo') if l.startswith('MemTotal')][0]
print(min(max(kb*1024//4*3//2, 1<<28), 4<<30)>>20)")
echo "memory budget per document at --jobs 2: ${budget} MB"
[ "$differ" -eq 0 ]
