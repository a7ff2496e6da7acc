#!/usr/bin/env bash
# Read throughput of two `chancery serve` behind nginx with 1 primary and 0, 1 and 2 hot standbys
# (issue 16): wrk on GET /v1/letters?country=C&limit=50 through nginx, each configuration in turn
# on the same loaded archive, with the reads each server took from the services' /metrics.
# Not a test; see bench/README.md.
#
# usage: bench/scaling-benchmark.sh [--letters N] [--seed S] [--no-build] [--duration SECONDS]
#                                   [--connections C] [--threads T] [--pool-size N]
#
#   --letters N      letters in the synthetic archive (default 100000)
#   --duration D     seconds each wrk run lasts (default 20)
#   --connections C  wrk connections (default 32)
#   --threads T      wrk -t (default 2)
#   --pool-size N    each service's --pool-size, per server it reads from (default 8)
#
# Every server runs on this one machine: on a small one the standbys take CPU from the primary
# and the services, so the figure says what the routing costs or gains here, not what separate
# machines would give (docs/scaling.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=$here/.data

letters=100000
seed=1
build=1
duration=20
connections=32
threads=2
pool_size=8
keep_cluster=0
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --no-build) build=0; shift ;;
    --duration) duration=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --pool-size) pool_size=${2:?}; shift 2 ;;
    *) echo "scaling-benchmark: unknown option $1" >&2; exit 64 ;;
  esac
done
case "$letters$seed$duration$connections$threads$pool_size" in
  *[!0-9]*) echo "scaling-benchmark: the options take whole numbers" >&2; exit 64 ;;
esac

chancery_scratch=${CHANCERY_SCRATCH:-$root/.build-bench-release}
chancery=$chancery_scratch/release/chancery
mkdir -p "$data"
source "$here/common.sh"
find_psql
build_generator "$build"
for tool in wrk nginx; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
    if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool" >&2
    else echo "scaling-benchmark: install $tool (sudo apt-get install -y $tool)" >&2; exit 69; fi
  }
done
nginx_cmd=$(command -v nginx || echo /usr/sbin/nginx)
if [ "$build" = 1 ]; then
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery >&2
fi
[ -x "$chancery" ] || { echo "scaling-benchmark: $chancery is missing (run without --no-build)" >&2; exit 69; }
ensure_archive "$letters" "$seed"

work=$data/scaling
rm -rf "$work"
mkdir -p "$work"
services=()
nginx_pid=
cleanup() {
  for pid in "${services[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_cluster
}
start_cluster scaling-cluster
trap cleanup EXIT

say "loading $letters letters into bench_scaling (psql \\copy of the reference CSVs)"
fresh_database bench_scaling
(cd "$csv_dir" && "$psql_cmd" -X -q -v ON_ERROR_STOP=1 -1 -d bench_scaling -f load.sql >/dev/null)
"$psql_cmd" -X -q -d bench_scaling -c "SELECT settle_census()" -c "VACUUM (ANALYZE)"
country=$("$psql_cmd" -X -At -d bench_scaling -c "SELECT a.iso_code FROM letter_by_party b JOIN actor a ON a.id = b.party_id
  WHERE a.iso_code IS NOT NULL GROUP BY a.iso_code ORDER BY (a.iso_code = 'KH') DESC, count(*) DESC LIMIT 1")
primary_url="postgresql:///bench_scaling?host=$PGHOST&port=$PGPORT&user=postgres"
standby_urls=()
for n in 1 2; do
  say "starting standby $n (base backup of the loaded cluster)"
  bash "$pg_script" start-standby "$n" >/dev/null
  standby_urls+=("postgresql:///bench_scaling?host=$PGHOST&port=$((PGPORT + n))&user=postgres")
done

nginx_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
path="/v1/letters?country=$country&limit=50"
say "request: GET $path through nginx on port $nginx_port"
: > "$work/results.tsv"

# run_configuration STANDBYS: two services reading from the first STANDBYS standbys, nginx, wrk.
run_configuration() {
  local count=$1 ports=() read_options=() n
  for n in $(seq 1 "$count"); do read_options+=(--read-url "${standby_urls[$((n - 1))]}"); done
  services=()
  for n in 0 1; do
    DATABASE_URL=$primary_url "$chancery" serve --port 0 --anonymous-reads --pool-size "$pool_size" --log-level warning \
      "${read_options[@]+"${read_options[@]}"}" >"$work/serve-$count-$n.out" 2>"$work/serve-$count-$n.log" &
    services+=($!)
  done
  for n in 0 1; do
    local port=
    for _ in $(seq 300); do
      port=$(sed -n 's|^chancery: serving http://[^:]*:\([0-9]*\)/v1.*|\1|p' "$work/serve-$count-$n.out" | head -n 1)
      [ -n "$port" ] && break
      sleep 0.1
    done
    [ -n "$port" ] || { cat "$work/serve-$count-$n.log" >&2; exit 70; }
    ports+=("$port")
  done
  mkdir -p "$work/nginx-$count/logs"
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "worker_processes 1; daemon off; pid $work/nginx-$count/nginx.pid; error_log $work/nginx-$count/logs/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off; upstream chancery { server 127.0.0.1:${ports[0]}; server 127.0.0.1:${ports[1]}; keepalive 64; }"
    echo "  server { listen 127.0.0.1:$nginx_port; location / { proxy_pass http://chancery; proxy_http_version 1.1; proxy_set_header Connection \"\"; } } }"
  } > "$work/nginx-$count/nginx.conf"
  "$nginx_cmd" -p "$work/nginx-$count" -c "$work/nginx-$count/nginx.conf" 2>"$work/nginx-$count/logs/start.log" &
  nginx_pid=$!
  for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$nginx_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  say "$count standby(s): warming up 5 s, then wrk -t$threads -c$connections -d${duration}s"
  wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$nginx_port$path" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$nginx_port$path" > "$work/wrk-$count.txt"
  local rps p50 p99 primary_reads=0 standby_reads=0 metrics
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$count.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$count.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$count.txt")
  for port in "${ports[@]}"; do
    metrics=$(curl -fsS "http://127.0.0.1:$port/metrics")
    primary_reads=$((primary_reads + $(echo "$metrics" | awk -F' ' '/^chancery_database_reads_total\{target="primary"\}/ { s += $2 } END { print s + 0 }')))
    standby_reads=$((standby_reads + $(echo "$metrics" | awk -F' ' '/^chancery_database_reads_total\{target="standby-/ { s += $2 } END { print s + 0 }')))
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$count" "$rps" "$p50" "$p99" "$primary_reads" "$standby_reads" >> "$work/results.tsv"
  kill "$nginx_pid" 2>/dev/null || true
  for pid in "${services[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  nginx_pid=
  services=()
}

for count in 0 1 2; do run_configuration "$count"; done

{
  echo "## Read scaling through nginx"
  echo
  echo "- Archive: $letters letters (seed $seed); request GET $path (50 rows)"
  echo "- Two \`chancery serve --pool-size $pool_size\` behind nginx (round robin, keep-alive), wrk -t$threads -c$connections -d${duration}s after 5 s of warm-up"
  echo "- Machine: $(machine_description); PostgreSQL, the standbys, the services, nginx and wrk all on it"
  echo "- Commit $(git -C "$root" rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "| standbys | req/s | vs. primary alone | p50 | p99 | reads served by the primary | by standbys (the no-read-URL row counts none) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  base_rps=$(awk -F'\t' '$1 == 0 { print $2 }' "$work/results.tsv")
  awk -F'\t' -v base="$base_rps" '{ printf "| %s | %.0f | %.2f× | %s | %s | %s | %s |\n", $1, $2, $2 / base, $3, $4, $5, $6 }' "$work/results.tsv"
} | tee "$data/scaling-last-results.md"
