#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster, runs `swift test` against it, and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tests create their own scratch databases on this server; they must not see a user's
# DATABASE_URL, which would point them elsewhere.
unset DATABASE_URL
eval "$(bash scripts/test-postgres.sh start)"
trap 'bash scripts/test-postgres.sh stop' EXIT

swift test --skip-build "$@"
