#!/usr/bin/env bash
# Installs the system tools the tests compare against (poppler's pdftotext and
# pdftoppm), the OCR engine (Tesseract with its Chinese and English models)
# and the helpers used to look at pages. Safe to run twice.
set -euo pipefail
if ! command -v pdftotext >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || true
    $SUDO apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "setup: pdftotext is missing and apt-get is not available; install poppler-utils by hand" >&2
  fi
fi
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || true
    $SUDO apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng >/dev/null
  else
    echo "setup: Tesseract is missing and apt-get is not available; install tesseract-ocr with the chi_sim model by hand (scans are then reported as no_text_layer)" >&2
  fi
fi
# The warehouse test validates outputs with jsonschema and loads them into
# DuckDB, and the OCR test makes scans with Pillow, all in a virtual
# environment of their own (never the system's Python):
# ${CARGO_TARGET_DIR:-target}/test-venv.
VENV="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}/test-venv"
if ! "$VENV/bin/python" -c "import jsonschema, duckdb, PIL" >/dev/null 2>&1; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq || true
      $SUDO apt-get install -y -qq python3 python3-venv >/dev/null
    else
      echo "setup: python3 with venv is missing and apt-get is not available; install Python 3 by hand" >&2
      exit 1
    fi
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q jsonschema duckdb pillow
fi
