#!/usr/bin/env bash
# Benchmarks `chancery import` against the fastest possible load of the same rows: psql \copy of
# the reference CSVs the generator writes alongside the archive. Not a test; see bench/README.md.
#
# usage: bench/import-benchmark.sh [--letters N] [--seed S] [--no-build] [--reference-only] [--keep-cluster]
#
#   --letters N        letters in the synthetic archive (default 1000000)
#   --seed S           generator seed (default 1)
#   --no-build         use the binaries already built
#   --reference-only   measure only the psql \copy side (when `chancery import` is not there yet)
#   --keep-cluster     leave the PostgreSQL cluster running at the end (prints how to reach it)
#
# Environment: CHANCERY_SCRATCH (SwiftPM scratch path for chancery's release build, default
# .build-bench-release), GENERATOR_SCRATCH (default .build-bench), PG_BIN (PostgreSQL binaries).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
letters=1000000
seed=1
build=1
reference_only=0
keep_cluster=0
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=${2:?--letters needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --no-build) build=0; shift ;;
    --reference-only) reference_only=1; shift ;;
    --keep-cluster) keep_cluster=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "import-benchmark: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
case "$letters$seed" in *[!0-9]*) echo "import-benchmark: --letters and --seed take whole numbers" >&2; exit 64 ;; esac

chancery_scratch=${CHANCERY_SCRATCH:-$root/.build-bench-release}
data=$here/.data
mkdir -p "$data"

source "$here/common.sh"

# --- Tools -----------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing GNU time (peak RSS)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "import-benchmark: /usr/bin/time is missing (apt-get install time)" >&2; exit 69
  fi
fi
find_psql

# --- Build -----------------------------------------------------------------------------------
build_generator "$build"
chancery=$chancery_scratch/release/chancery
if [ "$build" = 1 ] && [ "$reference_only" = 0 ]; then
  say "building chancery (release, $chancery_scratch)"
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery >&2
fi
if [ "$reference_only" = 0 ] && [ ! -x "$chancery" ]; then
  echo "import-benchmark: $chancery is missing (run without --no-build)" >&2; exit 69
fi

# --- Archive (cached per size, seed and generator binary) --------------------------------------
ensure_archive "$letters" "$seed"
archive_mb=$(du -m "$archive" | cut -f1)

# --- A throw-away cluster ----------------------------------------------------------------------
start_cluster cluster
say "creating bench_reference and bench_chancery with schema version $schema_version"
fresh_database bench_reference
fresh_database bench_chancery

# --- Measurements ------------------------------------------------------------------------------
declare -a step_names step_seconds step_rss step_status
measure() { # name, then the command; runs it under /usr/bin/time, records wall time and peak RSS
  local name=$1; shift
  local rss_file=$data/rss.$$ started status=0
  say "$name"
  started=$(date +%s.%N)
  /usr/bin/time -f %M -o "$rss_file" "$@" || status=$?
  step_names+=("$name")
  step_seconds+=("$(seconds_since "$started")")
  step_rss+=("$(awk '/^[0-9]+$/ { kb = $1 } END { printf "%.1f", kb / 1024 }' "$rss_file")")
  step_status+=("$status")
  rm -f "$rss_file"
  [ "$status" = 0 ] || say "$name failed (exit $status)"
}

measure 'psql \copy of the reference CSVs (one transaction)' \
  bash -c 'cd "$1" && "$2" -X -q -v ON_ERROR_STOP=1 -1 -d bench_reference -f load.sql >/dev/null \
           && exec "$2" -X -q -d bench_reference -c "SELECT settle_census()"' _ "$csv_dir" "$psql_cmd"

if [ "$reference_only" = 0 ]; then
  url="postgresql:///bench_chancery?host=$PGHOST&port=$PGPORT&user=$PGUSER"
  measure 'chancery import (empty database)' \
    env DATABASE_URL="$url" "$chancery" import "$archive" --format jsonl --quiet
  measure 'chancery import again (no-op)' \
    env DATABASE_URL="$url" "$chancery" import "$archive" --format jsonl --quiet
fi

# --- Sanity check: the same rows in both databases --------------------------------------------
count_tables="letter letter_participant letter_link actor role_held invitation invitation_invitee event"
extra_tables="actor_alias membership event_participant letter_event source citation"
counts() {
  local sql="" table position=0
  for table in $count_tables $extra_tables; do
    position=$((position + 1))
    sql+="SELECT $position AS position, '$table' AS name, count(*) FROM $table UNION ALL "
  done
  "$psql_cmd" -X -At -F ' ' -d "$1" -c "SELECT name, count FROM (${sql% UNION ALL }) c ORDER BY position"
}
mismatch=0
count_report="| table | psql \\copy | chancery import | |"$'\n'"|---|---:|---:|---|"
if [ "$reference_only" = 0 ]; then
  declare -A reference_counts
  while read -r table n; do reference_counts[$table]=$n; done < <(counts bench_reference)
  while read -r table n; do
    mark="same"
    if [ "${reference_counts[$table]}" != "$n" ]; then
      if [[ " $count_tables " == *" $table "* ]]; then mark="**DIFFERENT**"; mismatch=1; else mark="different (informational)"; fi
    fi
    count_report+=$'\n'"| $table | ${reference_counts[$table]} | $n | $mark |"
  done < <(counts bench_chancery)
else
  while read -r table n; do count_report+=$'\n'"| $table | $n | – | |"; done < <(counts bench_reference)
fi

# --- Report ------------------------------------------------------------------------------------
server_version=$("$psql_cmd" -X -At -d postgres -c "SHOW server_version")
reference_seconds=${step_seconds[0]}
report=$data/last-results.md
{
  echo "## Chancery import benchmark"
  echo
  echo "- Archive: $letters letters, seed $seed, ${archive_mb} MB JSON Lines ($archive); generated in $generate_seconds"
  echo "- Machine: $(machine_description)"
  echo "- PostgreSQL $server_version (throw-away cluster from scripts/test-postgres.sh: Unix socket, fsync=off, shared_buffers=64MB)"
  if [ "$reference_only" = 0 ]; then
    echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ); chancery binary built $(date -u -r "$chancery" +%Y-%m-%dT%H:%MZ) from the working tree (HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') now)"
  else
    echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ)"
  fi
  echo
  echo "| step | rows (letters) | wall s | letters/s | peak RSS MB | ratio to psql \\copy |"
  echo "|---|---:|---:|---:|---:|---:|"
  for i in "${!step_names[@]}"; do
    s=${step_seconds[$i]}
    rate=$(awk -v n="$letters" -v s="$s" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "–" }')
    ratio=$(awk -v s="$s" -v r="$reference_seconds" 'BEGIN { if (r > 0) printf "%.2f×", s / r; else print "–" }')
    failed=""; [ "${step_status[$i]}" = 0 ] || failed=" (FAILED, exit ${step_status[$i]})"
    echo "| ${step_names[$i]}$failed | $letters | $s | $rate | ${step_rss[$i]} | $ratio |"
  done
  echo
  echo "Row counts at the end (after both imports):"
  echo
  echo "$count_report"
} | tee "$report"
say "report saved to $report"

status=0
for s in "${step_status[@]}"; do [ "$s" = 0 ] || status=1; done
if [ "$mismatch" = 1 ]; then say "row counts differ between psql \\copy and chancery import"; status=1; fi
exit $status
