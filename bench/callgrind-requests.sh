#!/usr/bin/env bash
# CPU instructions per request of `chancery serve`, counted by valgrind's callgrind: unlike
# wall time, the count hardly moves with what else a shared machine runs, so two builds can be
# compared on one path with a few hundred requests. Not a test; see bench/README.md.
#
# usage: bench/callgrind-requests.sh --binary PATH --database URL --token SECRET
#                                    --path /v1/... [--path /v1/...] [--requests N] [--warmup N]
#
#   --binary     a release build of chancery
#   --database   DATABASE_URL of a loaded register (the query benchmark's kept cluster, say)
#   --token      the secret of a reader token in that database
#   --path       a request to count (repeatable); each is warmed up, then counted apart
#   --requests   counted requests per path (default 200); --warmup untimed ones first (default 50)
#   --keep DIR   keep each path's callgrind dump there (for callgrind_annotate)
#   --log-level  the service's (default info, as the HTTP benchmark runs it: a log line per request)
#
# Prints a Markdown table: path, requests, instructions (Ir) per request. Only the service's own
# process is counted; PostgreSQL's work is not in it.
set -euo pipefail

binary= database= token= requests=200 warmup=50 keep= log_level=info
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --token) token=${2:?}; shift 2 ;;
    --path) paths+=("${2:?}"); shift 2 ;;
    --requests) requests=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    --log-level) log_level=${2:?}; shift 2 ;;
    *) echo "callgrind-requests: unknown option $1" >&2; exit 64 ;;
  esac
done
[ -x "$binary" ] && [ -n "$database" ] && [ -n "$token" ] && [ "${#paths[@]}" -gt 0 ] \
  || { sed -n '5,15p' "$0" >&2; exit 64; }
for tool in valgrind:valgrind callgrind_control:valgrind curl:curl; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    apt-get install -y "${tool#*:}" >&2 || { apt-get update >&2 && apt-get install -y "${tool#*:}" >&2; }
  fi
done

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Valgrind 3.19 cannot read the DWARF 5 debug information Swift 6 writes: count a copy without it.
strip --strip-debug -o "$work/chancery" "$binary"
# ... and faults on libdispatch's sigsuspend unless the mask it gets is writable (see the file).
compiler=$(command -v cc || command -v clang || true)
if [ -z "$compiler" ]; then
  apt-get install -y gcc >&2 || { apt-get update >&2 && apt-get install -y gcc >&2; }
  compiler=$(command -v cc || true)
fi
[ -n "$compiler" ] || { echo "callgrind-requests: a C compiler (cc or clang) is needed for the valgrind shim" >&2; exit 69; }
"$compiler" -shared -fPIC -O2 -o "$work/sigsuspend-copy.so" "$(dirname "$0")/valgrind/sigsuspend-copy.c"

# Instrumentation starts off: start-up, warm-up and the requests of other paths are not counted.
DATABASE_URL=$database LD_PRELOAD="$work/sigsuspend-copy.so" valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.%p" \
  "$work/chancery" serve --port 0 --pool-size 4 --log-level "$log_level" >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
base_url=
for _ in $(seq 600); do
  base_url=$(sed -n 's|^chancery: serving \(http://[^/]*\)/v1.*|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$base_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 70; }
  sleep 0.2
done
[ -n "$base_url" ] || { echo "callgrind-requests: chancery serve did not start under valgrind" >&2; exit 70; }

fetch() { # fetch PATH COUNT: COUNT requests one after another on one kept-alive connection, as
  # a client with a connection pool sends them (a connection per request would count accepting
  # and closing it too); any status but 200 stops the run
  local config=$work/curl.config statuses
  : > "$config"
  for _ in $(seq "$2"); do printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base_url" "$1" >> "$config"; done
  statuses=$(curl -s -H "Authorization: Bearer $token" -w '%{http_code}\n' -K "$config" | sort -u | tr '\n' ' ')
  [ "$statuses" = "200 " ] || { echo "callgrind-requests: $1 answered $statuses" >&2; exit 70; }
}

echo "| request | requests counted | instructions per request |"
echo "|---|---:|---:|"
for path in "${paths[@]}"; do
  fetch "$path" "$warmup"
  callgrind_control --zero "$server_pid" >/dev/null 2>&1
  callgrind_control --instr=on "$server_pid" >/dev/null 2>&1
  fetch "$path" "$requests"
  callgrind_control --instr=off "$server_pid" >/dev/null 2>&1
  rm -f "$work"/callgrind.*.*
  callgrind_control --dump="$path" "$server_pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/callgrind."$server_pid"* | head -n 1)
  total=$(awk '/^totals:/ { t = $2 } /^summary:/ && !t { s = $2 } END { print (t ? t : s) }' "$dump")
  if [ -n "$keep" ]; then
    mkdir -p "$keep"
    cp "$dump" "$keep/callgrind.$(printf '%s' "$path" | tr -c 'A-Za-z0-9' '_' | cut -c1-60).out"
  fi
  printf '| `%s` | %d | %s |\n' "$path" "$requests" "$(awk -v t="$total" -v n="$requests" 'BEGIN { printf "%.0f", t / n }')"
done
