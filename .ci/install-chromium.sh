#!/usr/bin/env bash
# Install Debian's Chromium for the web app's end-to-end tests (tests/web/test_browser.py).
# Idempotent and quiet: does nothing when /usr/bin/chromium is already there. Playwright
# drives this binary through executable_path; `playwright install` is never run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" chromium fonts-noto-cjk
