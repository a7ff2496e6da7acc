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
#
# Prints a Markdown table: path, requests, instructions (Ir) per request. Only the service's own
# process is counted; PostgreSQL's work is not in it.
set -euo pipefail

binary= database= token= requests=200 warmup=50
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --token) token=${2:?}; shift 2 ;;
    --path) paths+=("${2:?}"); shift 2 ;;
    --requests) requests=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    *) echo "callgrind-requests: unknown option $1" >&2; exit 64 ;;
  esac
done
[ -x "$binary" ] && [ -n "$database" ] && [ -n "$token" ] && [ "${#paths[@]}" -gt 0 ] \
  || { sed -n '5,12p' "$0" >&2; exit 64; }
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

# Instrumentation starts off: start-up, warm-up and the requests of other paths are not counted.
DATABASE_URL=$database valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.%p" \
  "$work/chancery" serve --port 0 --pool-size 4 --log-level error >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
base_url=
for _ in $(seq 600); do
  base_url=$(sed -n 's|^chancery: serving \(http://[^/]*\)/v1.*|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$base_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 70; }
  sleep 0.2
done
[ -n "$base_url" ] || { echo "callgrind-requests: chancery serve did not start under valgrind" >&2; exit 70; }

fetch() { # fetch PATH COUNT: COUNT requests, one after another; any status but 200 stops the run
  local status
  for _ in $(seq "$2"); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base_url$1")
    [ "$status" = 200 ] || { echo "callgrind-requests: $1 answered $status" >&2; exit 70; }
  done
}

echo "| request | requests counted | instructions per request |"
echo "|---|---:|---:|"
for path in "${paths[@]}"; do
  fetch "$path" "$warmup"
  callgrind_control --zero "$server_pid" >/dev/null
  callgrind_control --instr=on "$server_pid" >/dev/null
  fetch "$path" "$requests"
  callgrind_control --instr=off "$server_pid" >/dev/null
  rm -f "$work"/callgrind.*.*
  callgrind_control --dump="$path" "$server_pid" >/dev/null
  dump=$(ls -t "$work"/callgrind."$server_pid"* | head -n 1)
  total=$(awk '/^(summary|totals):/ { print $2; exit }' "$dump")
  printf '| `%s` | %d | %s |\n' "$path" "$requests" "$(awk -v t="$total" -v n="$requests" 'BEGIN { printf "%.0f", t / n }')"
done
