#!/usr/bin/env bash
# Install Debian's Chromium for the web app's end-to-end tests (tests/web/test_browser.py).
# Idempotent and quiet: does nothing when /usr/bin/chromium is already there. Playwright
# drives this binary through executable_path; `playwright install` is never run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
