#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster, runs `swift test` against it, and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tests create their own scratch databases on this server; they must not see a user's
# DATABASE_URL, which would point them elsewhere.
unset DATABASE_URL
eval "$(bash scripts/test-postgres.sh start)"
trap 'bash scripts/test-postgres.sh stop' EXIT

# The suites that read from a hot standby run last, once one is started: a standby replaying the
# whole suite's scratch databases as they come would lag by minutes on a small machine.
standby_suites='StandbyReadTests|ReadYourWritesRouteTests'
if [ $# -gt 0 ]; then
  eval "$(bash scripts/test-postgres.sh start-standby)"
  swift test --skip-build "$@"
else
  status=0
  swift test --skip-build --skip "$standby_suites" || status=$?
  eval "$(bash scripts/test-postgres.sh start-standby)"
  swift test --skip-build --filter "$standby_suites" || status=$?
  exit $status
fi
