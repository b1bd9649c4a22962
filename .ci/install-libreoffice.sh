#!/usr/bin/env bash
# Install LibreOffice Writer (no GUI) so that legacy Word .doc files can be converted
# (extractor/legacy.py; tests/extractor/test_legacy.py). Idempotent and quiet: does
# nothing when soffice is already on PATH. .xls needs nothing: xlrd reads it.
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" libreoffice-writer-nogui
