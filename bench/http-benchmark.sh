#!/usr/bin/env bash
# Load-tests the HTTP API (`chancery serve`) with wrk on GET /v1/letters?country=C&since=S and on
# GET /v1/letters/{ref}, and runs the same SQL (the statements the service sends for each
# request) with pgbench at the same concurrency, alternating, on the loaded synthetic archive.
# Prints req/s, p50, p99, the ratio to pgbench's transactions per second, the ratio's ceiling on
# this machine (from GET /healthz, the HTTP floor) and the service's peak RSS. Not a test; see
# bench/README.md.
#
# usage: bench/http-benchmark.sh [--letters N] [--seed S] [--no-build] [--reuse] [--keep-cluster]
#                                [--duration SECONDS] [--connections C] [--threads T] [--rounds R]
#                                [--warmup SECONDS] [--pool-size N] [--country CODE] [--since DATE] [--ref REF]
#                                [--pgbench-mode extended|prepared|both] [--log-level LEVEL] [--split-cpus]
#
#   --letters N        letters in the synthetic archive (default 1000000)
#   --seed S           generator seed (default 1)
#   --no-build         use the binaries already built
#   --reuse            use the database a kept cluster holds when it has this archive: as it is at
#                      this schema.sql, after `chancery db migrate` at an older schema version
#   --keep-cluster     leave the cluster (and the loaded database) running at the end
#   --duration D       seconds each wrk and pgbench run lasts (default 20; "20s" works too)
#   --connections C    concurrent connections of wrk and pgbench (default 32)
#   --threads T        wrk -t and pgbench -j (default 2)
#   --rounds R         rounds of wrk list, pgbench list, wrk show, pgbench show (default 2)
#   --warmup D         seconds of unrecorded wrk load per endpoint first (default 5)
#   --pool-size N      the service's --pool-size (default: chancery serve's own default, 8; 32, as
#                      many sessions as pgbench has, makes both sides slower: see bench/README.md)
#   --country CODE     the list's country (default KH, else the busiest state when KH has few letters)
#   --since DATE       the list's since (default: the year of the country's 75th-percentile letter)
#   --ref REF          the letter shown (default: one with 3+ participants, links both ways and a source)
#   --pgbench-mode M   extended (parse, plan and execute every time, as PQexecParams does),
#                      prepared (each statement prepared once per connection, then executed, as
#                      LibPQClient does by default) or both (default); the ratio target is judged
#                      against the protocol the service uses
#   --log-level L      the service's --log-level (default info: one JSON line per request, to a file)
#   --split-cpus       PostgreSQL on the upper half of the CPUs, the service, wrk and pgbench on the
#                      lower half (taskset), as if the database had a machine of its own: the ratio
#                      then says whether the service keeps up with the database, not how much of a
#                      shared machine it takes from it
#
# Environment: CHANCERY_SCRATCH (default .build-bench-release), GENERATOR_SCRATCH (default
# .build-bench), PG_BIN; HTTP_BENCH_TOKEN, the secret of a reader token already in the database,
# to use instead of issuing one. Installs wrk (and jq, curl) with apt-get when missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
letters=1000000
seed=1
build=1
keep_cluster=0
reuse=0
duration=20
connections=32
threads=2
rounds=2
warmup=5
pool_size=
country=
since=
ref=
pgbench_mode=both
log_level=info
split_cpus=0
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=${2:?--letters needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep-cluster) keep_cluster=1; shift ;;
    --reuse) reuse=1; shift ;;
    --duration) duration=${2:?--duration needs seconds}; duration=${duration%s}; shift 2 ;;
    --connections) connections=${2:?--connections needs a number}; shift 2 ;;
    --threads) threads=${2:?--threads needs a number}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --warmup) warmup=${2:?--warmup needs seconds}; warmup=${warmup%s}; shift 2 ;;
    --pool-size) pool_size=${2:?--pool-size needs a number}; shift 2 ;;
    --country) country=${2:?--country needs an ISO code}; shift 2 ;;
    --since) since=${2:?--since needs a date}; shift 2 ;;
    --ref) ref=${2:?--ref needs a letter reference}; shift 2 ;;
    --pgbench-mode) pgbench_mode=${2:?--pgbench-mode needs extended, prepared or both}; shift 2 ;;
    --log-level) log_level=${2:?--log-level needs a level}; shift 2 ;;
    --split-cpus) split_cpus=1; shift ;;
    -h|--help) sed -n '2,42p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "http-benchmark: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
case "$letters$seed$duration$connections$threads$rounds$warmup${pool_size:-0}" in
  *[!0-9]*) echo "http-benchmark: --letters, --seed, --duration, --connections, --threads, --rounds, --warmup and --pool-size take whole numbers" >&2; exit 64 ;;
esac
case "$pgbench_mode" in
  extended|prepared) pgbench_modes=$pgbench_mode ;;
  both) pgbench_modes="extended prepared" ;;
  *) echo "http-benchmark: --pgbench-mode is extended, prepared or both" >&2; exit 64 ;;
esac
[ "$connections" -ge 1 ] && [ "$threads" -ge 1 ] && [ "$duration" -ge 1 ] && [ "$rounds" -ge 1 ] \
  || { echo "http-benchmark: --connections, --threads, --duration and --rounds must be at least 1" >&2; exit 64; }
[ "$threads" -le "$connections" ] || { echo "http-benchmark: --threads cannot exceed --connections" >&2; exit 64; }

chancery_scratch=${CHANCERY_SCRATCH:-$root/.build-bench-release}
# The commit, with "+dirty" when the working tree has changes (read-only git commands only).
describe_tree() {
  local commit
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')
  if [ -n "$(git -C "$root" --no-optional-locks status --porcelain 2>/dev/null | head -n 1)" ]; then commit="$commit+dirty"; fi
  echo "$commit"
}
data=$here/.data
work=$data/http
mkdir -p "$data"
rm -rf "$work"
mkdir -p "$work"
source "$here/common.sh"
find_psql
pgbench_cmd=$pg_bin/pgbench
[ -x "$pgbench_cmd" ] || pgbench_cmd=$(command -v pgbench || true)
[ -n "$pgbench_cmd" ] || { echo "http-benchmark: pgbench not found (install postgresql-contrib or set PG_BIN)" >&2; exit 69; }
for tool in wrk jq curl; do
  if ! command -v "$tool" >/dev/null; then
    say "installing $tool (apt-get install -y $tool)"
    apt-get install -y "$tool" >&2 || { apt-get update >&2 && apt-get install -y "$tool" >&2; }
  fi
done

# With --split-cpus, the database gets CPUs db_cpus and everything else app_cpus; `on_app`
# runs a command on the latter (a plain call without the option).
cpus=$(nproc)
app_cpus= db_cpus= split_note=
on_app=()
if [ "$split_cpus" = 1 ]; then
  for tool in taskset pgrep; do
    command -v "$tool" >/dev/null || { echo "http-benchmark: --split-cpus needs $tool (util-linux, procps)" >&2; exit 69; }
  done
  # The CPUs this process may use (not always 0..n-1), each with its core: the two hyperthreads
  # of a core stay on one side, or the database would share a core with the service.
  allowed=$(awk '/^Cpus_allowed_list:/ { print $2 }' /proc/self/status)
  cpu_cores=$(echo "$allowed" | tr ',' '\n' | awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) print i; else print $1 }' |
    while read -r cpu; do
      core=$(cat "/sys/devices/system/cpu/cpu$cpu/topology/core_id" 2>/dev/null || echo "$cpu")
      package=$(cat "/sys/devices/system/cpu/cpu$cpu/topology/physical_package_id" 2>/dev/null || echo 0)
      echo "$cpu $package:$core"
    done)
  read -r app_cpus db_cpus split_note < <(echo "$cpu_cores" | awk '
    { cpu[NR] = $1; core[NR] = $2; if (!($2 in seen)) { seen[$2] = ++cores } }
    END {
      if (cores >= 2) { for (i = 1; i <= NR; i++) side[i] = (seen[core[i]] <= int(cores / 2)) ? "app" : "db"; note = "by-core" }
      else { for (i = 1; i <= NR; i++) side[i] = (i <= int(NR / 2)) ? "app" : "db"; note = "one-core" }
      for (i = 1; i <= NR; i++) if (side[i] == "app") app = app (app == "" ? "" : ",") cpu[i]; else db = db (db == "" ? "" : ",") cpu[i]
      print app, db, note }')
  [ -n "$app_cpus" ] && [ -n "$db_cpus" ] || { echo "http-benchmark: --split-cpus needs 2 CPUs or more (allowed: $allowed)" >&2; exit 64; }
  [ "$split_note" = by-core ] || say "warning: the usable CPUs are threads of one core; the database shares it with the service"
  on_app=(taskset -c "$app_cpus")
fi
app_cpu_count=$cpus db_cpu_count=$cpus
if [ "$split_cpus" = 1 ]; then
  app_cpu_count=$(echo "$app_cpus" | tr ',' '\n' | wc -l)
  db_cpu_count=$(echo "$db_cpus" | tr ',' '\n' | wc -l)
fi

# --- Build and archive -------------------------------------------------------------------------
build_generator "$build"
chancery=$chancery_scratch/release/chancery
bench=$chancery_scratch/release/chancery-query-bench
if [ "$build" = 1 ]; then
  say "building chancery and chancery-query-bench (release, $chancery_scratch)"
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery >&2
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery-query-bench >&2
  # What the binary was built from, for the report (a later --no-build run may follow commits).
  echo "$(describe_tree)" > "$chancery.built-from"
fi
for binary in "$chancery" "$bench"; do
  [ -x "$binary" ] || { echo "http-benchmark: $binary is missing (run without --no-build)" >&2; exit 69; }
done
ensure_archive "$letters" "$seed"
pool_size_note=
if [ -z "$pool_size" ]; then
  # The option's help may wrap: its default is the first "(default: N)" from its line on.
  pool_size=$("$chancery" serve --help | awk '/--pool-size </ { found = 1 }
    found && match($0, /\(default: [0-9]+\)/) { print substr($0, RSTART + 10, RLENGTH - 11); exit }')
  [ -n "$pool_size" ] || { echo "http-benchmark: could not read chancery serve's default --pool-size (give --pool-size)" >&2; exit 70; }
  pool_size_note=" (its default)"
fi

# --- The database: reused, upgraded or loaded --------------------------------------------------
server_pid=
sampler_pid=
cleanup() {
  if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [ -n "${cluster_cpus:-}" ]; then pin_cluster "$cluster_cpus"; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  stop_cluster
}
start_cluster query-cluster
trap cleanup EXIT
export DATABASE_URL="postgresql:///bench_queries?host=$PGHOST&port=$PGPORT&user=${PGUSER:-postgres}"
generator_sum=$(cat "$set_dir/generator.sha256")
# The archive (generator, size, seed) and the schema: a kept cluster loaded with another size is loaded again.
stamp="$generator_sum $letters-$seed $(sha256sum "$root/schema.sql" | cut -d' ' -f1)"
loaded=$("$psql_cmd" -X -At -d bench_queries -c "SELECT stamp FROM bench_stamp" 2>/dev/null || true)
loaded_version=$("$psql_cmd" -X -At -d bench_queries -c "SELECT max(version) FROM schema_version" 2>/dev/null || true)
load_note="(reused)"
must_load=1
if [ "$reuse" = 1 ] && [ "$loaded" = "$stamp" ]; then
  say "reusing the loaded bench_queries (schema version $loaded_version)"
  must_load=0
elif [ "$reuse" = 1 ] && [ "$(echo "$loaded" | cut -d' ' -f1-2)" = "$generator_sum $letters-$seed" ] && [ -n "$loaded_version" ] && [ "$loaded_version" -lt "$schema_version" ]; then
  say "upgrading the kept bench_queries from schema version $loaded_version to $schema_version (chancery db migrate)"
  started=$(date +%s.%N)
  if "$chancery" db migrate --no-reference >&2; then
    # Plans read the statistics; the upgrade may add columns and indexes.
    "$psql_cmd" -X -q -d bench_queries -c "ANALYZE" -c "UPDATE bench_stamp SET stamp = '$stamp'"
    load_note="upgraded from schema version $loaded_version in $(seconds_since "$started") s"
    must_load=0
  else
    say "the upgrade failed: loading afresh"
  fi
fi
if [ "$must_load" = 1 ]; then
  say "loading $letters letters into bench_queries (psql \\copy of the reference CSVs; triggers fill the listing tables)"
  fresh_database bench_queries
  started=$(date +%s.%N)
  (cd "$csv_dir" && "$psql_cmd" -X -q -v ON_ERROR_STOP=1 -1 -d bench_queries -f load.sql >/dev/null)
  "$psql_cmd" -X -q -d bench_queries -c "SELECT settle_census()" -c "VACUUM (ANALYZE)" \
    -c "CREATE TABLE bench_stamp (stamp text)" -c "INSERT INTO bench_stamp VALUES ('$stamp')"
  load_note="loaded with psql \\copy and VACUUM ANALYZE in $(seconds_since "$started") s"
fi
q() { "$psql_cmd" -X -At -v ON_ERROR_STOP=1 -d bench_queries "$@"; }
# qv NAME VALUE SQL: SQL (read from standard input, where psql interpolates :'NAME') with NAME set.
qv() { "$psql_cmd" -X -At -v ON_ERROR_STOP=1 -d bench_queries -v "$1=$2" <<< "$3"; }
[ "$(q -c "SELECT max(version) FROM schema_version")" = "$schema_version" ] \
  || { echo "http-benchmark: bench_queries is not at schema version $schema_version" >&2; exit 70; }
letter_count=$(q -c "SELECT count(*) FROM letter")

# --- Parameters from the data ------------------------------------------------------------------
# Letters of a country are found through the state's actor (letter_by_party), as the service does.
if [ -z "$country" ]; then
  kh=$(q -c "SELECT count(*) FROM letter_by_party b JOIN actor a ON a.id = b.party_id WHERE a.iso_code = 'KH'")
  if [ "$kh" -ge $((letter_count / 200)) ] && [ "$kh" -ge 1000 ]; then
    country=KH
  else
    country=$(q -c "SELECT a.iso_code FROM letter_by_party b JOIN actor a ON a.id = b.party_id
                    WHERE a.iso_code IS NOT NULL GROUP BY a.iso_code ORDER BY count(*) DESC, a.iso_code LIMIT 1")
  fi
fi
country_letters=$(qv c "$country" "SELECT count(*) FROM letter_by_party b JOIN actor a ON a.id = b.party_id WHERE a.iso_code = :'c'")
if [ -z "$since" ]; then
  since=$(qv c "$country" "SELECT to_char(percentile_disc(0.75) WITHIN GROUP (ORDER BY b.sent_earliest), 'YYYY')
                                FROM letter_by_party b JOIN actor a ON a.id = b.party_id
                                WHERE a.iso_code = :'c' AND b.sent_earliest > '-infinity'")
fi
if [ -z "$ref" ]; then
  # From the middle of the archive: 3+ participants, a link from it and one to it, a source.
  ref=$(q -c "SELECT l.ref FROM letter l
              WHERE l.id > (SELECT max(id) / 2 FROM letter) AND l.deleted_at IS NULL
                AND EXISTS (SELECT FROM letter_link k WHERE k.letter_id = l.id)
                AND EXISTS (SELECT FROM letter_link k WHERE k.target_id = l.id)
                AND EXISTS (SELECT FROM citation c WHERE c.letter_id = l.id)
                AND (SELECT count(*) FROM letter_participant p WHERE p.letter_id = l.id) >= 3
              ORDER BY l.id LIMIT 1")
  [ -n "$ref" ] || ref=$(q -c "SELECT ref FROM letter WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
fi
[ -n "$country" ] && [ -n "$since" ] && [ -n "$ref" ] || { echo "http-benchmark: could not choose parameters from the data" >&2; exit 70; }
ref_shape=$(qv r "$ref" "SELECT (SELECT count(*) FROM letter_participant p WHERE p.letter_id = l.id) || ' participants, '
                                    || (SELECT count(*) FROM letter_link k WHERE k.letter_id = l.id OR k.target_id = l.id) || ' links, '
                                    || (SELECT count(*) FROM citation c WHERE c.letter_id = l.id) || ' sources'
                               FROM letter l WHERE l.ref = :'r'")
say "parameters: country=$country ($country_letters letters) since=$since; ref=$ref ($ref_shape)"
list_path="/v1/letters?country=$country&since=$since"
show_path="/v1/letters/$(jq -rn --arg r "$ref" '$r|@uri')"

# --- The same SQL for pgbench ------------------------------------------------------------------
say "recording the statements the service sends (chancery-query-bench --pgbench-scripts)"
mkdir -p "$work/pgbench"
"$bench" --database bench_queries --pgbench-scripts "$work/pgbench" --country "$country" --since "$since" --ref "$ref" \
  > "$work/pgbench/statements.tsv" 2>"$work/capture.log" || { cat "$work/capture.log" >&2; exit 70; }
statement_count() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$work/pgbench/statements.tsv"; }
# How the service sends them: prepared once per connection, or PQexecParams each time.
service_protocol=$(statement_count protocol)
judged=$service_protocol
case " $pgbench_modes " in *" $service_protocol "*) ;; *) judged=${pgbench_modes%% *} ;; esac
say "the service sends them as pgbench -M $service_protocol does; the ratio target is judged against -M $judged"

# --- The service -------------------------------------------------------------------------------
if [ -n "${HTTP_BENCH_TOKEN:-}" ]; then
  secret=$HTTP_BENCH_TOKEN
else
  token_name="bench-$(date -u +%Y%m%d%H%M%S)-$$"
  secret=$("$chancery" token create --name "$token_name" --role reader 2>"$work/token.log") \
    || { cat "$work/token.log" >&2; echo "http-benchmark: chancery token create failed (HTTP_BENCH_TOKEN can name an existing token)" >&2; exit 70; }
  [ -n "$secret" ] || { echo "http-benchmark: chancery token create printed no secret" >&2; exit 70; }
fi
say "starting chancery serve (--pool-size $pool_size, --log-level $log_level; log in $work/serve.log)"
${on_app[@]+"${on_app[@]}"} "$chancery" serve --port 0 --pool-size "$pool_size" --log-level "$log_level" >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
base_url=
for _ in $(seq 300); do
  base_url=$(sed -n 's|^chancery: serving \(http://[^/]*\)/v1.*|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$base_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "http-benchmark: chancery serve exited" >&2; exit 70; }
  sleep 0.1
done
[ -n "$base_url" ] || { echo "http-benchmark: chancery serve did not start within 30 s" >&2; exit 70; }
say "serving at $base_url (pid $server_pid)"

# Both requests must succeed with what the recording saw, before any load.
for path in "$list_path" "$show_path"; do
  status=$(curl -s -o "$work/response.json" -w '%{http_code}' -H "Authorization: Bearer $secret" "$base_url$path")
  [ "$status" = 200 ] || { echo "http-benchmark: GET $path answered $status:" >&2; cat "$work/response.json" >&2; exit 70; }
  if [ "$path" = "$list_path" ]; then
    items=$(jq '.items | length' "$work/response.json")
    list_bytes=$(wc -c < "$work/response.json")
    [ "$items" = 50 ] && [ "$(jq -r '.nextCursor != null' "$work/response.json")" = true ] \
      || say "warning: the list's first page holds $items letters (expected a full page of 50 and a next cursor)"
  else
    show_bytes=$(wc -c < "$work/response.json")
  fi
done

# VmRSS every 0.2 s, with a timestamp, for the peak during each wrk run; VmHWM is read at the end.
# Shell builtins only, so that the sampler costs next to nothing.
( while kill -0 "$server_pid" 2>/dev/null; do
    while read -r key value _; do
      if [ "$key" = VmRSS: ]; then printf '%s %s\n' "$EPOCHREALTIME" "$value"; break; fi
    done < "/proc/$server_pid/status"
    sleep 0.2
  done ) > "$work/rss.log" 2>/dev/null &
sampler_pid=$!

rss_mb() { awk -v k="$1" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$server_pid/status"; }
peak_rss_between() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$work/rss.log"; }
# CPU accounting, in clock ticks: cpu_snapshot prints the machine's busy and total ticks, the
# service's, PostgreSQL's (the postmaster, its live children, and through the postmaster's
# cutime/cstime the backends that have exited); the client's (wrk, pgbench) comes from bash's
# `time`. What the machine was busy with beyond these four is other work, which skews the figures.
hz=$(getconf CLK_TCK)
postmaster_pid=$(head -n 1 "$(q -c "SHOW data_directory")/postmaster.pid")
# pin_cluster CPUS: the postmaster and every process it has started (backends it starts later
# inherit the postmaster's affinity). Processes that ended meanwhile are no matter.
pin_cluster() {
  local pid
  for pid in "$postmaster_pid" $(pgrep -P "$postmaster_pid"); do taskset -a -p -c "$1" "$pid" >/dev/null 2>&1 || true; done
}
if [ "$split_cpus" = 1 ]; then
  cluster_cpus=$(taskset -p -c "$postmaster_pid" | sed 's/.*: *//')
  pin_cluster "$db_cpus"
  [ "$(taskset -p -c "$postmaster_pid" | sed 's/.*: *//')" = "$(taskset -c "$db_cpus" sh -c 'taskset -p -c $$' | sed 's/.*: *//')" ] \
    || { echo "http-benchmark: could not pin PostgreSQL (postmaster $postmaster_pid) to CPUs $db_cpus" >&2; exit 70; }
  say "split CPUs: PostgreSQL on $db_cpus; the service, wrk and pgbench on $app_cpus"
fi
cpu_snapshot() {
  local machine service pg
  # busy (user, nice, system, irq, softirq, steal), total, and user + nice + system: the part
  # processes are charged with (interrupts, loopback networking among them, are not).
  machine=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $2 + $3 + $4 }' /proc/stat)
  service=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
  pg=$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v pm="$postmaster_pid" '
    $1 == pm { t += $14 + $15 + $16 + $17 } $4 == pm { t += $14 + $15 } END { print t + 0 }')
  echo "$machine $service $pg"
}
# cpu_shares BEFORE AFTER CLIENT_SECONDS: "busy% service_ticks other% postgres_ticks" (the fields
# of a snapshot: busy, total, charged to processes, service, PostgreSQL).
cpu_shares() {
  echo "$1 $2 $3" | awk -v hz="$hz" '{ busy = $6 - $1; total = $7 - $2; other = ($8 - $3) - ($9 - $4) - ($10 - $5) - $11 * hz
                                       if (other < 0) other = 0
                                       printf "%.0f %d %.0f %d", 100 * busy / total, $9 - $4, 100 * other / total, $10 - $5 }'
}
TIMEFORMAT='%3U %3S'
to_ms() { # a wrk duration (850.00us, 1.23ms, 2.01s, 1.00m) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

rss_after_start=$(rss_mb VmRSS)
# For the record; the CPU accounting around each run says how much other work there really was
# (the load average lags by a minute and more).
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$warmup" -gt 0 ]; then
  for path in "$list_path" "$show_path"; do
    say "warming up: wrk ${warmup}s on $path"
    ${on_app[@]+"${on_app[@]}"} wrk -t"$threads" -c"$connections" -d"${warmup}s" -H "Authorization: Bearer $secret" "$base_url$path" >/dev/null
  done
fi

# run_wrk NAME ROUND PATH: appends "name round req/s p50 p99 rss cpu_us_per_req busy% other%
# postgres_cpu_us_per_req" to wrk.tsv.
run_wrk() {
  local out=$work/wrk-$1-$2.txt started ended cpu0 cpu1 shares rps p50 p99 bad requests
  say "round $2: wrk -t$threads -c$connections -d${duration}s --latency $3"
  cpu0=$(cpu_snapshot); started=$(date +%s.%N)
  { time ${on_app[@]+"${on_app[@]}"} wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $secret" "$base_url$3" > "$out" 2>&1 ; } 2> "$out.time"
  ended=$(date +%s.%N); cpu1=$(cpu_snapshot)
  read -r busy service_ticks other postgres_ticks <<< "$(cpu_shares "$cpu0" "$cpu1" "$(awk '{ print $1 + $2 }' "$out.time")")"
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  [ -z "$bad" ] || { cat "$out" >&2; echo "http-benchmark: $bad responses were not 2xx/3xx" >&2; exit 70; }
  if grep -q 'Socket errors' "$out"; then say "warning: $(grep 'Socket errors' "$out")"; fi
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  requests=$(awk '/requests in/ { print $1 }' "$out")
  p50=$(to_ms "$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "$out")")
  p99=$(to_ms "$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "$out")")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$rps" "$p50" "$p99" "$(peak_rss_between "$started" "$ended")" \
    "$(per_request "$service_ticks" "$requests")" "$busy" "$other" "$(per_request "$postgres_ticks" "$requests")" >> "$work/wrk.tsv"
}

per_request() { awk -v c="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.0f", c / hz * 1e6 / n }'; }

# run_pgbench NAME ROUND MODE: appends "name round mode tps other% p50 p99
# postgres_cpu_us_per_transaction" to pgbench.tsv; latencies
# from the per-transaction log (-l), whose third field is the transaction's latency in µs.
run_pgbench() {
  local out=$work/pgbench-$1-$2-$3.txt prefix=$work/pgbench-$1-$2-$3-log tps failed cpu0 cpu1
  local -a defines=()
  while IFS= read -r line; do [ -n "$line" ] && defines+=(-D "$line"); done < "$work/pgbench/$1.vars"
  say "round $2: pgbench -n -M $3 -c $connections -j $threads -T $duration ($1.sql, $(statement_count "$1") statements)"
  cpu0=$(cpu_snapshot)
  { time ${on_app[@]+"${on_app[@]}"} "$pgbench_cmd" -n -M "$3" -c "$connections" -j "$threads" -T "$duration" --report-per-command \
      -l --log-prefix "$prefix" -f "$work/pgbench/$1.sql" "${defines[@]}" bench_queries > "$out" 2>&1 ; } 2> "$out.time" \
    || { cat "$out" >&2; echo "http-benchmark: pgbench failed" >&2; exit 70; }
  sleep 0.2   # lets the postmaster reap the backends, whose CPU time it then counts
  cpu1=$(cpu_snapshot)
  read -r busy service_ticks other postgres_ticks <<< "$(cpu_shares "$cpu0" "$cpu1" "$(awk '{ print $1 + $2 }' "$out.time")")"
  failed=$(awk -F': ' '/number of failed transactions/ { split($2, a, " "); print a[1] }' "$out")
  [ -z "$failed" ] || [ "$failed" = 0 ] || { cat "$out" >&2; echo "http-benchmark: $failed pgbench transactions failed" >&2; exit 70; }
  tps=$(awk '/^tps = / { print $3; exit }' "$out")
  transactions=$(awk -F': ' '/number of transactions actually processed/ { print $2 + 0 }' "$out")
  cat "$prefix".* | awk '{ print $3 }' | sort -n > "$work/latencies"
  rm -f "$prefix".*
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$tps" "$other" \
    "$(awk '{ v[NR] = $1 } END { i = int(NR * 0.50 + 0.5); if (i < 1) i = 1; printf "%.2f", v[i] / 1000 }' "$work/latencies")" \
    "$(awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.5); if (i < 1) i = 1; printf "%.2f", v[i] / 1000 }' "$work/latencies")" \
    "$(per_request "$postgres_ticks" "$transactions")" >> "$work/pgbench.tsv"
}

# The HTTP floor: GET /healthz answers without the database, through the same middleware (token
# check aside). Its CPU per request (the machine's CPUs over its req/s, the machine being busy)
# is what any endpoint pays before its own work; with PostgreSQL's CPU per pgbench transaction it
# bounds the req/s an endpoint could reach on this machine if its handler cost nothing.
run_floor() {
  local out=$work/wrk-floor.txt cpu0 cpu1
  say "the HTTP floor: wrk -t$threads -c$connections -d${duration}s --latency /healthz"
  cpu0=$(cpu_snapshot)
  { time ${on_app[@]+"${on_app[@]}"} wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$base_url/healthz" > "$out" 2>&1 ; } 2> "$out.time"
  cpu1=$(cpu_snapshot)
  read -r floor_busy floor_service_ticks _ _ <<< "$(cpu_shares "$cpu0" "$cpu1" "$(awk '{ print $1 + $2 }' "$out.time")")"
  floor_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  floor_service_us=$(per_request "$floor_service_ticks" "$(awk '/requests in/ { print $1 }' "$out")")
}

: > "$work/wrk.tsv"
: > "$work/pgbench.tsv"
run_floor
for round in $(seq "$rounds"); do
  for name in list show; do
    path=$list_path; [ "$name" = show ] && path=$show_path
    run_wrk "$name" "$round" "$path"
    for mode in $pgbench_modes; do run_pgbench "$name" "$round" "$mode"; done
  done
done
rss_peak=$(rss_mb VmHWM)
rss_end=$(rss_mb VmRSS)
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=

# --- Report ------------------------------------------------------------------------------------
commit=$(describe_tree)
built_from="an unknown tree (built outside this script)"
if [ -f "$chancery.built-from" ] && [ ! "$chancery" -nt "$chancery.built-from" ]; then built_from=$(cat "$chancery.built-from"); fi
report=$data/http-last-results.md
verdicts=$work/verdicts
: > "$verdicts"
{
  echo "## Chancery HTTP benchmark"
  echo
  echo "- Archive: $letters letters (seed $seed), $letter_count in the database; $load_note"
  if [ "$split_cpus" = 1 ]; then
    echo "- Machine: $(machine_description); PostgreSQL pinned to CPUs $db_cpus, wrk, chancery serve and pgbench to CPUs $app_cpus (--split-cpus; load average before the run: $load_before)"
  else
    echo "- Machine: $(machine_description); wrk, chancery serve, PostgreSQL and pgbench on the same machine (load average before the run: $load_before)"
  fi
  echo "- PostgreSQL $(q -c "SHOW server_version") (the benchmark's own cluster: Unix socket, fsync=off, shared_buffers=64MB)"
  echo "- Commit: chancery built $(date -u -r "$chancery" +%Y-%m-%dT%H:%MZ) from $built_from; HEAD $commit at the run, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- Load: wrk -t$threads -c$connections -d${duration}s --latency; pgbench -n -M $(echo $pgbench_modes | sed 's/ /|/') -c $connections -j $threads -T $duration;" \
       "$rounds alternating rounds after ${warmup}s of wrk warm-up per endpoint; chancery serve --pool-size $pool_size$pool_size_note --log-level $log_level"
  echo "- Requests: \`GET $list_path\` (first page of 50, ${list_bytes} bytes, $(statement_count list) statements;" \
       "$country has $country_letters letters) and \`GET $show_path\` ($ref_shape; ${show_bytes} bytes, $(statement_count show) statements)"
  echo
  echo "| endpoint | req/s | p50 ms | p99 ms | pgbench -M | pgbench tps (same SQL) | pgbench p50 ms | pgbench p99 ms | ratio | service peak RSS MB |"
  echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"
  for name in list show; do
    label="GET /v1/letters?country&since"; [ "$name" = show ] && label="GET /v1/letters/{ref}"
    for mode in $pgbench_modes; do
      awk -F'\t' -v n="$name" -v m="$mode" -v label="$label" -v rss="$rss_peak" '
        FNR == 1 { file++ }
        file == 1 && $1 == n { r++; rps += $3; p50 += $4; if ($5 > p99) p99 = $5 }
        file == 2 && $1 == n && $3 == m { g++; tps += $4; g50 += $6; if ($7 > g99) g99 = $7 }
        END { printf "| %s | %.0f | %.2f | %.2f | %s | %.0f | %.2f | %.2f | %.0f%% | %s |\n",
                     label, rps / r, p50 / r, p99, m, tps / g, g50 / g, g99, 100 * (rps / r) / (tps / g), rss }' \
        "$work/wrk.tsv" "$work/pgbench.tsv"
      label=""
    done
  done
  echo
  echo "req/s and tps are means over the rounds, p50 the mean of the rounds' medians, p99 the worst round's; ratio = service req/s ÷ pgbench tps."
  echo "Service peak RSS is VmHWM at the end of the run (after start: ${rss_after_start} MB; at the end: ${rss_end} MB)."
  echo
  echo "HTTP floor: \`GET /healthz\` (no database) at $floor_rps req/s with the machine ${floor_busy}% busy, the service's CPU"
  echo "${floor_service_us} µs a request; $app_cpu_count CPUs ÷ that rate = $(awk -v c="$app_cpu_count" -v r="$floor_rps" 'BEGIN { printf "%.0f", c * 1e6 / r }') µs of machine time a request (service and wrk)."
  echo "Ceiling: the req/s an endpoint would reach if its handler cost nothing beyond the floor,"
  if [ "$split_cpus" = 1 ]; then
    echo "the lesser of $db_cpu_count CPUs ÷ PostgreSQL's CPU per pgbench transaction and $app_cpu_count CPUs ÷ the floor's machine time, as a share of pgbench's tps:"
  else
    echo "$cpus CPUs ÷ (PostgreSQL's CPU per pgbench transaction + the floor's machine time), as a share of pgbench's tps:"
  fi
  # Worked out once per endpoint: the verdicts below name the same ceiling.
  declare -A ceiling_share
  for name in list show; do
    read -r least ceiling_rps share < <(awk -F'\t' -v n="$name" -v m="$judged" -v pinned="$split_cpus" -v c="$cpus" \
        -v a="$app_cpu_count" -v d="$db_cpu_count" -v r="$floor_rps" '
      $1 == n && $3 == m { g++; tps += $4; cpu += $8 }
      END { floor = a * 1e6 / r; pg = cpu / g
            if (pinned) { ceiling = d * 1e6 / pg; if (r < ceiling) ceiling = r; per = 1e6 / ceiling }
            else { per = pg + floor; ceiling = c * 1e6 / per }
            printf "%.0f %.0f %.6f\n", per, ceiling, ceiling / (tps / g) }' \
      "$work/pgbench.tsv")
    ceiling_share[$name]=$share
    awk -v n="$name" -v p="$least" -v c="$ceiling_rps" -v s="$share" -v m="$judged" -v pinned="$split_cpus" \
      'BEGIN { printf "- %s: %s µs %s, %s req/s, %.0f%% of pgbench -M %s\n", n, p,
                      pinned ? "between requests at the slower side'"'"'s pace" : "of machine time a request at least", c, 100 * s, m }'
  done
  echo
  echo "Each round (service CPU: the chancery process's user + system time per request; PostgreSQL CPU: the cluster's per request"
  echo "or per pgbench transaction; machine busy: all CPUs, during the wrk run; other work: CPU time the machine spent on anything"
  echo "but the service, PostgreSQL, wrk and pgbench, as a share of all CPUs):"
  echo
  echo "| endpoint | round | req/s | p50 ms | p99 ms | peak VmRSS MB | service CPU µs/req | PostgreSQL CPU µs/req | machine busy | other work | pgbench -M | pgbench tps | pgbench p50 ms | pgbench p99 ms | PostgreSQL CPU µs/tx | other work | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'FNR == 1 { file++ }
    file == 1 { w[$1 FS $2] = $0; order[++count] = $1 FS $2 }
    file == 2 { p[$1 FS $2] = p[$1 FS $2] (p[$1 FS $2] == "" ? "" : "\n") $0 }
    END {
      for (i = 1; i <= count; i++) {
        split(w[order[i]], a, FS); lines = split(p[order[i]], rows, "\n")
        for (j = 1; j <= lines; j++) {
          split(rows[j], b, FS)
          if (j == 1) printf "| %s | %s | %.0f | %.2f | %.2f | %s | %s | %s | %s%% | %s%% ", a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[10], a[8], a[9]
          else printf "| | | | | | | | | | "
          printf "| %s | %.0f | %.2f | %.2f | %s | %s%% | %.0f%% |\n", b[3], b[4], b[6], b[7], b[8], b[5], 100 * a[3] / b[4]
        }
      }
    }' "$work/wrk.tsv" "$work/pgbench.tsv"
  echo
  if [ "$service_protocol" = prepared ]; then
    echo "The service prepares each statement once per connection, then only executes it, as pgbench -M prepared does."
  else
    echo "The service sends each statement with PQexecParams (parsed and planned every time), as pgbench -M extended does."
  fi
  echo
  echo "Targets (issue 15): ≥ 80% of pgbench's tps (-M $judged) with a p99 at most 1.5× pgbench's, at 32 connections; RSS ≤ 150 MB."
  for name in list show; do
    awk -F'\t' -v n="$name" -v m="$judged" -v ceiling="${ceiling_share[$name]}" 'FNR == 1 { file++ }
      file == 1 && $1 == n { r++; rps += $3; if ($5 > p99) p99 = $5 }
      file == 2 && $1 == n && $3 == m { g++; tps += $4; if ($7 > g99) g99 = $7 }
      END { ratio = (rps / r) / (tps / g)
            if (ratio < 0.80) printf "- %s: %.0f%% of pgbench -M %s, under 80%% (the ceiling on this machine: %.0f%%)\n", n, 100 * ratio, m, 100 * ceiling
            if (p99 > 1.5 * g99) printf "- %s: p99 %.2f ms, over 1.5× pgbench'"'"'s %.2f ms\n", n, p99, g99 }' "$work/wrk.tsv" "$work/pgbench.tsv" >> "$verdicts"
  done
  awk -v r="$rss_peak" 'BEGIN { if (r > 150) printf "- peak RSS %.1f MB, over 150 MB\n", r }' >> "$verdicts"
  other_max=$(awk -F'\t' 'FNR == 1 { file++ } file == 1 && $9 > m { m = $9 } file == 2 && $5 > m { m = $5 } END { print m + 0 }' \
    "$work/wrk.tsv" "$work/pgbench.tsv")
  if [ "$other_max" -gt 5 ]; then
    echo "Warning: other work took up to ${other_max}% of the CPUs during a run: the figures are skewed; run again on an idle machine."
  fi
  if [ "$connections" != 32 ]; then echo "(The targets are stated for 32 connections; this run used $connections.)"; fi
  if [ -s "$verdicts" ]; then echo "Outside the targets:"; cat "$verdicts"; else echo "All targets met."; fi
} | tee "$report"
say "report saved to $report; wrk and pgbench outputs, the recorded statements and the service log in $work"
