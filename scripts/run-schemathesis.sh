#!/usr/bin/env bash
# Holds the API to its OpenAPI document with a client no one here wrote: schemathesis generates
# requests from docs/openapi.json (every operation but the token ones, every phase, stateful
# included) against `chancery serve` on a scratch database holding the founding example, with an
# admin token, and fails on any failure or server error. The seed is fixed, so a run is
# repeatable; SCHEMATHESIS_SEED and SCHEMATHESIS_MAX_EXAMPLES try others.
# SCHEMATHESIS_THROUGH=pgbouncer puts Debian's pgbouncer in transaction pooling mode between the
# service and PostgreSQL (scripts/start-pgbouncer.sh; the service runs with
# DATABASE_POOL_MODE=transaction): the same suite, with no session state kept between transactions.
#
# Needs the debug binary (`swift build`); `make api-contract` builds it and runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

seed=${SCHEMATHESIS_SEED:-13}
max_examples=${SCHEMATHESIS_MAX_EXAMPLES:-100}
through=${SCHEMATHESIS_THROUGH:-}
case "$through" in ""|pgbouncer) ;; *) echo "run-schemathesis: SCHEMATHESIS_THROUGH is pgbouncer or unset" >&2; exit 2 ;; esac
chancery=.build/debug/chancery
out=.build/schemathesis${through:+-$through}
[ -x "$chancery" ] || { echo "run-schemathesis: build first (swift build)" >&2; exit 1; }
bash scripts/ensure-schemathesis.sh

# A cluster someone else started (run-tests.sh, a developer) is theirs to stop.
unset DATABASE_URL
owns_cluster=no
bash scripts/test-postgres.sh status || owns_cluster=yes
eval "$(bash scripts/test-postgres.sh start)"
database=chancery_schemathesis_$$
pooler_dir=/tmp/chancery-pgbouncer-$$
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; fi
  if [ -n "$through" ]; then bash scripts/start-pgbouncer.sh stop "$pooler_dir"; rm -rf "$pooler_dir"; fi
  dropdb --if-exists "$database" 2>/dev/null || true
  if [ "$owns_cluster" = yes ]; then bash scripts/test-postgres.sh stop; fi
}
trap cleanup EXIT

rm -rf "$out"
mkdir -p "$out"
createdb "$database"
export DATABASE_URL="postgresql:///$database?host=$PGHOST&user=$PGUSER"
# The founding example is the register the issue was found on; the reference data's 250 states
# and organizations would only make every list longer.
"$chancery" db migrate --no-reference >"$out/setup.log"
"$chancery" demo >>"$out/setup.log"
secret=$("$chancery" token create --name schemathesis --role admin --json \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')

if [ "$through" = pgbouncer ]; then
  eval "$(bash scripts/start-pgbouncer.sh "$pooler_dir" "$PGHOST" "$PGPORT")"
  export DATABASE_URL="postgresql://$PGUSER@127.0.0.1:$PGBOUNCER_PORT/$database" DATABASE_POOL_MODE=transaction
fi
"$chancery" serve --host 127.0.0.1 --port 0 --log-level warning >"$out/serve.out" 2>"$out/serve.log" &
server=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|^chancery: serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "run-schemathesis: chancery serve did not start" >&2; cat "$out/serve.log" >&2; exit 1; }

# Token endpoints are left out as the issue's run left them out: revoking the token the run
# authenticates with would turn every later request into a 401. One worker: with two threads,
# Python 3.11's ast module (which Hypothesis calls) can fail with "AST constructor recursion depth
# mismatch", a runtime error of the tool, not of the API.
status=0
.build/schemathesis-venv/bin/st --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" \
  --url "http://127.0.0.1:$port" \
  --header "Authorization: Bearer $secret" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$max_examples" \
  --seed "$seed" \
  --exclude-path-regex '^/v1/tokens' \
  --workers 1 \
  --generation-database none \
  --report junit,ndjson --report-dir "$out" \
  --no-color </dev/null | tee "$out/run.txt" || status=$?
# One plain closing line, as the Swift tests end with theirs.
cases=$(sed -n 's/^ *\([0-9][0-9]*\) generated, .*/\1/p' "$out/run.txt" | tail -n 1)
failures=$(sed -n 's/.* found \([0-9][0-9]*\) unique failure.*/\1/p' "$out/run.txt" | tail -n 1)
if [ "$status" != 0 ]; then
  # A runtime error of the tool is a failure too, though it finds none in the API.
  [ "${failures:-0}" != 0 ] || failures=1
  echo "run-schemathesis: failed (seed $seed); the server's log is $out/serve.log, the run's events $out/" >&2
fi
echo "schemathesis${through:+ through $through}: $(( ${cases:-0} - ${failures:-0} )) passed, ${failures:-0} failed"
exit "$status"
