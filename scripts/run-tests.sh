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
# The suites that time a live server to the second (a header timeout of 1 s, PostgreSQL stopped
# under load) run on their own after the parallel run: beside it, on two CPUs, tests that start
# clusters and browsers hold the test process's threads for seconds and the clocks they read
# measure the machine, not the service.
timed_suites='ConnectionTimeoutTests|DatabaseRestartTests'
if [ $# -gt 0 ]; then
  eval "$(bash scripts/test-postgres.sh start-standby)"
  swift test --skip-build "$@"
else
  status=0
  swift test --skip-build --skip "$standby_suites|$timed_suites" || status=$?
  swift test --skip-build --filter "$timed_suites" || status=$?
  eval "$(bash scripts/test-postgres.sh start-standby)"
  swift test --skip-build --filter "$standby_suites" || status=$?
  exit $status
fi
