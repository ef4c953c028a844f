#!/usr/bin/env bash
# The test command: installs what the tests need (scripts/setup.sh: poppler,
# Tesseract, jsonschema, duckdb and Pillow in a virtual environment; rustfmt and clippy through rustup), then formatting,
# lints, unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The Python that setup.sh gave jsonschema, DuckDB and Pillow (tests/warehouse.rs
# and tests/ocr.rs run it).
export BUDGETPDF_PYTHON="${CARGO_TARGET_DIR:-$PWD/target}/test-venv/bin/python"
if command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
fi
cargo fmt --all -- --check
cargo clippy --all-targets --release -- -D warnings
if [ ! -d ../shared/corpus/real2 ]; then
  echo "note: ../shared is absent beside the repository, so the tests over its 40 national documents (corpus/real2) are skipped; the vendored tests/corpus/real and samples/ are tested" >&2
fi
cargo test --release
