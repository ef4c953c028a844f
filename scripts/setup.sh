#!/usr/bin/env bash
# Installs the system tools the tests compare against (poppler's pdftotext) and
# the helpers used to look at pages. Safe to run twice.
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
# The warehouse test validates outputs with jsonschema and loads them into DuckDB.
if ! python3 -c "import jsonschema, duckdb" >/dev/null 2>&1; then
  python3 -m pip install -q jsonschema duckdb
fi
