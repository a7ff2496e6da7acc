#!/usr/bin/env bash
# Times the first page of the queries users run most (letters by country, pair, person, date
# window; full-text search; a 12-month country timeline) through Chancery's service layer and as
# the same SQL through psql, on a database loaded with the synthetic archive. Not a test; see
# bench/README.md.
#
# usage: bench/query-benchmark.sh [--letters N] [--seed S] [--no-build] [--keep-cluster] [--reuse]
#                                 [--rounds R] [--search WORDS] [--only NAME] [--publish-plans]
#
#   --letters N       letters in the synthetic archive (default 1000000)
#   --seed S          generator seed (default 1)
#   --no-build        use the binaries already built
#   --keep-cluster    leave the cluster (and the loaded database) running at the end
#   --reuse           skip loading when a kept cluster already holds this archive at this schema
#   --rounds R        timed runs per block and side (default 10; 5 alternating blocks of
#                     Chancery then psql runs, each after 24 warm-up runs)
#   --search WORDS    the full-text query (default "tsunami")
#   --only NAME       time only the queries whose name contains NAME (e.g. "timeline"); the
#                     report then holds those alone
#   --publish-plans   also copy the plans to bench/query-plans.md, the reference the README
#                     describes (for the 1,000,000-letter run; other runs keep theirs in bench/.data)
#
# Environment: CHANCERY_SCRATCH (default .build-bench-release), GENERATOR_SCRATCH (default
# .build-bench), PG_BIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
letters=1000000
seed=1
build=1
keep_cluster=0
reuse=0
rounds=10
search=tsunami
only=()
publish_plans=0
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=${2:?--letters needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep-cluster) keep_cluster=1; shift ;;
    --reuse) reuse=1; shift ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --search) search=${2:?--search needs words}; shift 2 ;;
    --only) only=(--only "${2:?--only needs a name}"); shift 2 ;;
    --publish-plans) publish_plans=1; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "query-benchmark: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
case "$letters$seed$rounds" in *[!0-9]*) echo "query-benchmark: --letters, --seed and --rounds take whole numbers" >&2; exit 64 ;; esac

chancery_scratch=${CHANCERY_SCRATCH:-$root/.build-bench-release}
data=$here/.data
mkdir -p "$data"
source "$here/common.sh"
find_psql

# --- Build and archive -------------------------------------------------------------------------
build_generator "$build"
bench=$chancery_scratch/release/chancery-query-bench
if [ "$build" = 1 ]; then
  say "building chancery-query-bench (release, $chancery_scratch)"
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery-query-bench >&2
fi
[ -x "$bench" ] || { echo "query-benchmark: $bench is missing (run without --no-build)" >&2; exit 69; }
ensure_archive "$letters" "$seed"

# --- Load --------------------------------------------------------------------------------------
start_cluster query-cluster
# The archive (generator, size, seed) and the schema: a kept cluster loaded with another size is loaded again.
stamp="$(cat "$set_dir/generator.sha256") $letters-$seed $(sha256sum "$root/schema.sql" | cut -d' ' -f1)"
loaded=$("$psql_cmd" -X -At -d bench_queries -c "SELECT stamp FROM bench_stamp" 2>/dev/null || true)
load_seconds="(reused)"
if [ "$reuse" = 0 ] || [ "$loaded" != "$stamp" ]; then
  say "loading $letters letters into bench_queries (psql \\copy of the reference CSVs; triggers fill the listing tables)"
  fresh_database bench_queries
  started=$(date +%s.%N)
  (cd "$csv_dir" && "$psql_cmd" -X -q -v ON_ERROR_STOP=1 -1 -d bench_queries -f load.sql >/dev/null)
  "$psql_cmd" -X -q -d bench_queries -c "SELECT settle_census()" -c "VACUUM (ANALYZE)" \
    -c "CREATE TABLE bench_stamp (stamp text)" -c "INSERT INTO bench_stamp VALUES ('$stamp')"
  load_seconds="$(seconds_since "$started") s"
else
  say "reusing the loaded bench_queries"
fi

# --- Measure -----------------------------------------------------------------------------------
say "timing queries ($rounds runs each)"
"$bench" --database bench_queries --psql "$psql_cmd" --rounds "$rounds" --search "$search" "${only[@]}" \
  --plans "$data/query-plans.md" --results "$data/query-results.md" >/dev/null
plans_shown=bench/.data/query-plans.md
if [ "$publish_plans" = 1 ]; then
  cp "$data/query-plans.md" "$here/query-plans.md"
  plans_shown=bench/query-plans.md
fi

report=$data/query-last-results.md
{
  echo "## Chancery query benchmark"
  echo
  echo "- Archive: $letters letters, seed $seed; loaded with psql \\copy and VACUUM ANALYZE in $load_seconds"
  echo "- Machine: $(machine_description)"
  echo "- PostgreSQL $("$psql_cmd" -X -At -d postgres -c "SHOW server_version") (the benchmark's own cluster from scripts/test-postgres.sh: Unix socket, fsync=off, shared_buffers=64MB)"
  echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ); chancery-query-bench built $(date -u -r "$bench" +%Y-%m-%dT%H:%MZ) from the working tree (HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') now)"
  echo "- Plans: $plans_shown (EXPLAIN (ANALYZE, BUFFERS) of every statement)"
  echo
  cat "$data/query-results.md"
} | tee "$report"
say "report saved to $report"
