#!/usr/bin/env bash
# Install Debian packages quietly, as root or through sudo: `.ci/apt-install.sh PKG...`.
# Shared by the install-*.sh scripts, which decide first whether anything is missing.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
