#!/usr/bin/env bash
# The web pages against the JSON endpoints that serve the same data (issue 11: each page within
# 2x the time of its endpoint), on the synthetic archive: wrk on each pair in turn, alternating,
# same connections and duration. Prints req/s and p50/p99 per request and the page's p50 over
# the endpoint's. Not a test; see bench/README.md.
#
# usage: bench/web-benchmark.sh [--letters N] [--seed S] [--no-build] [--reuse] [--keep-cluster]
#                               [--duration SECONDS] [--connections C] [--threads T] [--rounds R]
#
#   --letters N      letters in the synthetic archive (default 1000000)
#   --seed S         generator seed (default 1)
#   --no-build       use the binaries already built
#   --reuse          use the database a kept cluster holds when it has this archive and schema.sql
#   --keep-cluster   leave the cluster (and the loaded database) running at the end
#   --duration D     seconds each wrk run lasts (default 10)
#   --connections C  concurrent connections (default 8)
#   --threads T      wrk -t (default 2)
#   --rounds R       rounds of every pair (default 2)
#
# Environment: CHANCERY_SCRATCH (default .build-bench-release), GENERATOR_SCRATCH (default
# .build-bench), PG_BIN. Installs wrk, jq and curl with apt-get when missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
letters=1000000 seed=1 build=1 reuse=0 keep_cluster=0 duration=10 connections=8 threads=2 rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=${2:?--letters needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --no-build) build=0; shift ;;
    --reuse) reuse=1; shift ;;
    --keep-cluster) keep_cluster=1; shift ;;
    --duration) duration=${2:?--duration needs seconds}; duration=${duration%s}; shift 2 ;;
    --connections) connections=${2:?--connections needs a number}; shift 2 ;;
    --threads) threads=${2:?--threads needs a number}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "web-benchmark: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
case "$letters$seed$duration$connections$threads$rounds" in
  *[!0-9]*) echo "web-benchmark: the options take whole numbers" >&2; exit 64 ;;
esac

chancery_scratch=${CHANCERY_SCRATCH:-$root/.build-bench-release}
data=$here/.data
work=$data/web
mkdir -p "$data"; rm -rf "$work"; mkdir -p "$work"
source "$here/common.sh"
find_psql
for tool in wrk jq curl; do
  command -v "$tool" >/dev/null || { say "installing $tool"; apt-get install -y "$tool" >&2 || { apt-get update >&2 && apt-get install -y "$tool" >&2; }; }
done

build_generator "$build"
chancery=$chancery_scratch/release/chancery
if [ "$build" = 1 ]; then
  say "building chancery (release, $chancery_scratch)"
  swift build -c release --package-path "$root" --scratch-path "$chancery_scratch" --product chancery >&2
fi
[ -x "$chancery" ] || { echo "web-benchmark: $chancery is missing (run without --no-build)" >&2; exit 69; }
ensure_archive "$letters" "$seed"

server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  stop_cluster
}
start_cluster web-cluster
trap cleanup EXIT
export DATABASE_URL="postgresql:///bench_web?host=$PGHOST&port=$PGPORT&user=${PGUSER:-postgres}"
# The archive (generator, size, seed) and the schema: a kept cluster loaded with another size is loaded again.
stamp="$(cat "$set_dir/generator.sha256") $letters-$seed $(sha256sum "$root/schema.sql" | cut -d' ' -f1)"
loaded=$("$psql_cmd" -X -At -d bench_web -c "SELECT stamp FROM bench_stamp" 2>/dev/null || true)
if [ "$reuse" = 1 ] && [ "$loaded" = "$stamp" ]; then
  say "reusing the loaded bench_web"
else
  say "loading $letters letters into bench_web (psql \\copy of the reference CSVs)"
  fresh_database bench_web
  (cd "$csv_dir" && "$psql_cmd" -X -q -v ON_ERROR_STOP=1 -1 -d bench_web -f load.sql >/dev/null)
  "$psql_cmd" -X -q -d bench_web -c "SELECT settle_census()" -c "VACUUM (ANALYZE)" -c "CREATE TABLE bench_stamp (stamp text)" -c "INSERT INTO bench_stamp VALUES ('$stamp')"
fi
q() { "$psql_cmd" -X -At -v ON_ERROR_STOP=1 -d bench_web -c "$1"; }

# --- What to ask for, from the data --------------------------------------------------------------
country=$(q "SELECT a.iso_code FROM letter_by_party b JOIN actor a ON a.id = b.party_id
             WHERE a.iso_code IS NOT NULL GROUP BY a.iso_code ORDER BY (a.iso_code = 'KH') DESC, count(*) DESC LIMIT 1")
pair=$(q "SELECT lo.iso_code || ',' || hi.iso_code FROM letter_by_country_pair p
          JOIN actor lo ON lo.id = p.low_state_id JOIN actor hi ON hi.id = p.high_state_id
          GROUP BY lo.iso_code, hi.iso_code ORDER BY count(*) DESC LIMIT 1")
year=$(q "SELECT to_char(percentile_disc(0.9) WITHIN GROUP (ORDER BY sent_sort), 'YYYY') FROM letter WHERE isfinite(sent_sort)")
ref=$(q "SELECT l.ref FROM letter l WHERE l.id > (SELECT max(id) / 2 FROM letter) AND l.deleted_at IS NULL
         AND EXISTS (SELECT FROM letter_link k WHERE k.letter_id = l.id) ORDER BY l.id LIMIT 1")
[ -n "$ref" ] || ref=$(q "SELECT ref FROM letter WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
word=$(q "SELECT w FROM (SELECT regexp_replace(split_part(subject, ' ', 1), '[^[:alpha:]]', '', 'g') AS w FROM letter WHERE id % 97 = 0) s
          WHERE length(w) >= 5 GROUP BY w ORDER BY count(*) DESC LIMIT 1")
ref_path=$(jq -rn --arg r "$ref" '$r|@uri')
say "parameters: country=$country pair=$pair since=$year ref=$ref word=$word"

# name, page, endpoint serving the same data
pairs=(
  "register|/?country=$country|/v1/letters?country=$country&limit=50"
  "search|/?text=$word|/v1/letters?text=$word&limit=50"
  "letter|/letters/$ref_path|/v1/letters/$ref_path"
  # The page shows its first 500 items (TimelinePage.defaultLimit); the endpoint is asked for as many.
  "timeline|/timeline?between=$pair&since=$year|/v1/timeline?between=$pair&since=$year&limit=500&format=json"
)

say "starting chancery serve --anonymous-reads"
"$chancery" serve --port 0 --anonymous-reads --pool-size "$connections" --log-level warning >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
base=
for _ in $(seq 300); do
  base=$(sed -n 's|^chancery: serving \(http://[^/]*\)/v1.*|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 70; }
  sleep 0.1
done
[ -n "$base" ] || { echo "web-benchmark: chancery serve did not start" >&2; exit 70; }
for entry in "${pairs[@]}"; do
  IFS='|' read -r name page endpoint <<< "$entry"
  for path in "$page" "$endpoint"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    [ "$status" = 200 ] || { echo "web-benchmark: GET $path answered $status" >&2; exit 70; }
  done
done

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
# run NAME KIND PATH: appends "name kind req/s p50 p99" to results.tsv.
run() {
  local out=$work/wrk-$1-$2-$RANDOM.txt
  # Past wrk's default 2 s timeout a slow request would count as an error, not a latency.
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency "$base$3" > "$out" 2>&1
  local bad; bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  [ -z "$bad" ] || { cat "$out" >&2; echo "web-benchmark: $bad failed responses on $3" >&2; exit 70; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(awk '/^Requests\/sec:/ { print $2 }' "$out")" \
    "$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")" "$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")" >> "$work/results.tsv"
}
# The register's counts for a broad selection come on their own request after the page: timed on
# their own, with no endpoint to compare (the JSON API has no counts).
counts_path="/register/facets?country=$country"
thread_path="/fragments/thread/$ref_path"
history_path="/fragments/history/$ref_path"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base$counts_path")
[ "$status" = 200 ] || { echo "web-benchmark: GET $counts_path answered $status" >&2; exit 70; }
for round in $(seq "$rounds"); do
  for entry in "${pairs[@]}"; do
    IFS='|' read -r name page endpoint <<< "$entry"
    say "round $round: $name (page, then endpoint), ${duration}s each"
    run "$name" page "$page"
    run "$name" json "$endpoint"
  done
  say "round $round: the parts pages fetch after showing, ${duration}s each"
  run counts fragment "$counts_path"
  run thread fragment "$thread_path"
  run history fragment "$history_path"
done

echo
echo "Web pages against their JSON endpoints: $letters letters, wrk -t$threads -c$connections -d${duration}s x $rounds rounds, $(machine_description), chancery $(git -C "$root" rev-parse --short HEAD)"
echo
echo "| request | page req/s | page p50 ms | page p99 ms | endpoint req/s | endpoint p50 ms | endpoint p99 ms | page p50 ÷ endpoint p50 |"
echo "|---|---|---|---|---|---|---|---|"
for entry in "${pairs[@]}"; do
  IFS='|' read -r name page endpoint <<< "$entry"
  awk -F'\t' -v n="$name" '$1 == n && $2 == "page" { pr += $3; pp += $4; p9 += $5; pc++ } $1 == n && $2 == "json" { jr += $3; jp += $4; j9 += $5; jc++ }
    END { printf "| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f |\n", n, pr / pc, pp / pc, p9 / pc, jr / jc, jp / jc, j9 / jc, (pp / pc) / (jp / jc) }' "$work/results.tsv"
done
echo
printf 'page: %s\n' "${pairs[@]}" | sed 's/|/ vs /2; s/^page: \([a-z]*\)|/\1: /'
echo
echo "Parts the pages fetch after showing (no JSON counterpart):"
echo
echo "| request | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|"
for part in "counts|$counts_path" "thread|$thread_path" "history|$history_path"; do
  IFS='|' read -r name path <<< "$part"
  awk -F'\t' -v n="$name" -v p="$path" '$1 == n && $2 == "fragment" { r += $3; q50 += $4; q99 += $5; c++ }
    END { if (c) printf "| %s `%s` | %.0f | %.2f | %.2f |\n", n, p, r / c, q50 / c, q99 / c }' "$work/results.tsv"
done
