# Shared by bench/import-benchmark.sh and bench/query-benchmark.sh: source it after setting
# `here` (bench/), `root` (the repository), `data` (bench/.data) and `keep_cluster` (0 or 1).

say() { printf '==> %s\n' "$*" >&2; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }

# Sets psql_cmd to the newest installed PostgreSQL's psql (or PG_BIN's).
find_psql() {
  pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)}
  psql_cmd=psql
  [ -x "$pg_bin/psql" ] && psql_cmd=$pg_bin/psql
  command -v "$psql_cmd" >/dev/null || { echo "$(basename "$0"): psql not found (install postgresql-client or set PG_BIN)" >&2; exit 69; }
}

# Builds the archive generator (release) into GENERATOR_SCRATCH; sets `generator`.
build_generator() {
  generator_scratch=${GENERATOR_SCRATCH:-$root/.build-bench}
  generator=$generator_scratch/release/chancery-archive-generator
  if [ "${1:-1}" = 1 ]; then
    say "building the generator (release, $generator_scratch)"
    swift build -c release --package-path "$here/generator" --scratch-path "$generator_scratch" >&2
  fi
  [ -x "$generator" ] || { echo "$(basename "$0"): $generator is missing (run without --no-build)" >&2; exit 69; }
}

# ensure_archive LETTERS SEED: generates the archive and its reference CSVs unless the folder
# already holds one made by the same generator binary. Sets set_dir, archive, csv_dir,
# generate_seconds.
ensure_archive() {
  set_dir=$data/letters-$1-seed-$2
  archive=$set_dir/archive.jsonl
  csv_dir=$set_dir/reference-csv
  local stamp=$set_dir/generator.sha256 generator_sum started
  generator_sum=$(sha256sum "$generator" | cut -d' ' -f1)
  generate_seconds="(cached)"
  if [ ! -s "$archive" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$generator_sum" ]; then
    say "generating $1 letters (seed $2) into $set_dir"
    rm -rf "$set_dir"
    mkdir -p "$set_dir"
    started=$(date +%s.%N)
    "$generator" --letters "$1" --seed "$2" --output "$archive" --reference-csv "$csv_dir"
    generate_seconds="$(seconds_since "$started") s"
    echo "$generator_sum" > "$stamp"
  else
    say "using the cached archive $archive"
  fi
}

# start_cluster NAME: starts a cluster of the benchmark's own and exports PGHOST/PGPORT/PGUSER.
# scripts/test-postgres.sh keys its cluster on the folder above the script's path, so running it
# through a symlink under bench/.data/NAME gives each benchmark its own cluster: a `make test`
# running at the same time neither sees nor removes it. It is stopped on exit unless
# keep_cluster=1.
start_cluster() {
  local cluster_home=$data/$1
  mkdir -p "$cluster_home/scripts"
  ln -sfn "$root/scripts/test-postgres.sh" "$cluster_home/scripts/test-postgres.sh"
  pg_script=$cluster_home/scripts/test-postgres.sh
  trap stop_cluster EXIT
  say "starting the benchmark's PostgreSQL cluster ($1)"
  eval "$(bash "$pg_script" start)"
  unset DATABASE_URL
  schema_version=$(sed -n 's/^-- chancery-schema-version: *\([0-9][0-9]*\).*/\1/p' "$root/schema.sql" | head -n 1)
  [ -n "$schema_version" ] || { echo "$(basename "$0"): schema.sql declares no chancery-schema-version" >&2; exit 70; }
}

stop_cluster() {
  if [ "$keep_cluster" = 1 ]; then
    say "cluster left running: PGHOST=${PGHOST:-?} PGPORT=${PGPORT:-?} PGUSER=postgres (stop: bash $pg_script stop)"
  else
    bash "$pg_script" stop || true
  fi
}

# fresh_database NAME: drops and creates it with the schema, the way `chancery db migrate` does
# (schema.sql and its version row in one transaction).
fresh_database() {
  "$psql_cmd" -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  "$psql_cmd" -X -q -v ON_ERROR_STOP=1 -1 -d "$1" -f "$root/schema.sql" \
    -c "INSERT INTO schema_version (version) VALUES ($schema_version)" >/dev/null
}

machine_description() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  echo "$(nproc) CPUs, ${cpu:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
}
