#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster for the test suite, reachable only through a
# Unix socket. `start` prints the environment the tests need (eval it); `stop` removes the cluster;
# `status` succeeds while it runs (so a script that found it running leaves it running).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user and lives
# under /tmp, which that user can always reach (a checkout under /root is not).
set -euo pipefail

action=${1:-start}
here=$(cd "$(dirname "$0")/.." && pwd)
key=$(printf '%s' "$here" | md5sum | cut -c1-10)
base=/tmp/chancery-test-$key
data=$base/data
sock=$base/run
port=5432

bindir=${PG_BIN:-}
if [ -z "$bindir" ]; then
  if command -v pg_ctl >/dev/null 2>&1; then
    bindir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
fi
[ -x "$bindir/pg_ctl" ] || { echo "test-postgres: pg_ctl not found (install the 'postgresql' package or set PG_BIN)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$base"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$base"; fi
    chmod 700 "$base"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
        || as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; exit 1; }
    fi
    as_owner mkdir -p "$sock"
    if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$data" -w -l "$base/server.log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$sock' -p $port -c fsync=off -c max_connections=600 -c shared_buffers=64MB" \
        start >/dev/null || { cat "$base/server.log" >&2; exit 1; }
    fi
    # The socket folder must be enterable by whoever runs the tests.
    chmod 755 "$base" 2>/dev/null || as_owner chmod 755 "$base"
    echo "export PGHOST=$sock PGPORT=$port PGUSER=postgres PGDATABASE=postgres"
    ;;
  start-standby)
    # A hot standby of the running cluster (the first on port 5433, the Nth on 5432+N, same socket
    # folder), for the tests of reads served by standbys: every scratch database the tests create
    # on the primary appears on it. Started for those tests only: replaying the whole suite's
    # writes would leave it far behind.
    number=${2:-1}
    case "$number" in ''|*[!0-9]*|0) echo "test-postgres: start-standby takes a standby number from 1" >&2; exit 2 ;; esac
    standby=$base/standby$([ "$number" = 1 ] || echo "$number")
    standby_port=$((port + number))
    if [ ! -f "$standby/PG_VERSION" ]; then
      as_owner "$bindir/pg_basebackup" -D "$standby" -R -X stream -c fast -h "$sock" -p $port -U postgres >"$base/basebackup.log" 2>&1 \
        || { cat "$base/basebackup.log" >&2; exit 1; }
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$standby" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$standby" -w -l "$standby.log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$sock' -p $standby_port -c fsync=off -c max_connections=600 -c shared_buffers=32MB" \
        start >/dev/null || { cat "$standby.log" >&2; exit 1; }
    fi
    if [ "$number" != 1 ]; then echo "export CHANCERY_TEST_STANDBY_$number='host=$sock port=$standby_port user=postgres'"; exit 0; fi
    echo "export CHANCERY_TEST_STANDBY='host=$sock port=$standby_port user=postgres'"
    ;;
  stop)
    for standby in "$base"/standby*; do
      [ -f "$standby/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$standby" -m immediate -w stop >/dev/null 2>&1 || true
    done
    if [ -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$base"
    ;;
  status)
    [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
    ;;
  *)
    echo "usage: $0 start|start-standby [N]|stop|status" >&2; exit 2 ;;
esac
