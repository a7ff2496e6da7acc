#!/usr/bin/env bash
# Starts Debian's pgbouncer in transaction pooling mode in front of a PostgreSQL server, for the
# tests and drills that run Chancery behind a pooler (docs/scaling.md). Every database of the
# server is reachable under its own name; sessions get jit = off and synchronize_seqscans = off
# from the pooler's connect_query, since a pooler refuses the session options Chancery otherwise
# sends.
#
# usage: scripts/start-pgbouncer.sh DIR UPSTREAM_HOST UPSTREAM_PORT   (prints "export PGBOUNCER_PORT=N PGBOUNCER_PID=P")
#        scripts/start-pgbouncer.sh stop DIR
# pgbouncer refuses to run as root, so as root it runs as `postgres`, like the test cluster.
set -euo pipefail

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: start-pgbouncer.sh stop DIR}
  if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
  exit 0
fi

dir=${1:?usage: start-pgbouncer.sh DIR UPSTREAM_HOST UPSTREAM_PORT}
upstream_host=${2:?upstream host (a socket folder or an address)}
upstream_port=${3:?upstream port}
if ! command -v pgbouncer >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends pgbouncer >&2 \
      || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends pgbouncer >&2; }
  else
    echo "start-pgbouncer: pgbouncer is missing; install it with: sudo apt-get install -y pgbouncer" >&2
    exit 1
  fi
fi
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$dir/userlist.txt" <<USERS
"postgres" ""
USERS
cat > "$dir/pgbouncer.ini" <<INI
[databases]
* = host=$upstream_host port=$upstream_port connect_query='SET jit = off; SET synchronize_seqscans = off'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 10
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = postgres
INI
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"/*; fi
as_owner pgbouncer -d "$dir/pgbouncer.ini" >/dev/null
for _ in $(seq 1 50); do
  [ -s "$dir/pgbouncer.pid" ] && break
  sleep 0.1
done
[ -s "$dir/pgbouncer.pid" ] || { cat "$dir/pgbouncer.log" >&2; echo "start-pgbouncer: pgbouncer did not start" >&2; exit 1; }
echo "export PGBOUNCER_PORT=$port PGBOUNCER_PID=$(cat "$dir/pgbouncer.pid")"
