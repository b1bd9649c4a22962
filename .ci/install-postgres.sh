#!/usr/bin/env bash
# Make PostgreSQL server binaries and pg_trgm available for the corpus tests (which start
# their own throw-away server; nothing here starts one). Idempotent and quiet: does nothing
# when initdb and pg_trgm are already there. Needs root or passwordless sudo to install.
set -euo pipefail

have_initdb() {
  command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
have_trgm() {
  compgen -G '/usr/share/postgresql/*/extension/pg_trgm.control' >/dev/null
}

if have_initdb && have_trgm; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-postgres: no apt-get; install PostgreSQL (server + contrib) by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi

# The tests run their own cluster: do not let the package create and start a default one.
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  $SUDO mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null

have_initdb && have_trgm || { echo "install-postgres: initdb or pg_trgm still missing" >&2; exit 1; }
