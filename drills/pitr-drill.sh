#!/usr/bin/env bash
# Point-in-time recovery drill (docs/backup-and-recovery.md): on a throw-away loopback cluster with
# WAL archiving, take a base backup, write letters, mark a moment, write letters that must not come
# back, then restore the base backup plus the archived WAL to that moment, twice: once to a named
# restore point, once to a timestamp. Each restored register must export byte for byte what the
# original exported at the moment (but for the header's time of export), and must not know the later letters. Prints a short report;
# exits non-zero on any mismatch.
#
# PostgreSQL refuses to run as root, so as root the servers run as `postgres` (like
# scripts/test-postgres.sh) and everything lives under /tmp. Set KEEP=1 to keep the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
chancery=${CHANCERY:-$repo/.build/debug/chancery}
fixture=$repo/Tests/ChanceryInterchangeTests/Fixtures/cmif/example01_basic.xml
[ -x "$chancery" ] || { echo "pitr-drill: $chancery not found; run \`swift build\` first" >&2; exit 1; }

bindir=${PG_BIN:-}
if [ -z "$bindir" ]; then
  if command -v pg_ctl >/dev/null 2>&1; then
    bindir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
fi
[ -x "$bindir/pg_ctl" ] || { echo "pitr-drill: pg_ctl not found (install the 'postgresql' package or set PG_BIN)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

started=$(date +%s.%N)
base=$(mktemp -d /tmp/chancery-pitr-XXXXXX)
chmod 755 "$base"
sock=$base/run
archive=$base/wal-archive
mkdir -p "$sock" "$archive" "$base/out"
if [ "$(id -u)" = 0 ]; then chown postgres: "$base" "$sock" "$archive"; fi
# A random port: with Unix sockets only it just names the socket file, but it keeps two drills apart.
port=$((20000 + RANDOM % 20000))

running=()
cleanup() {
  for data in "${running[@]}"; do as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "pitr-drill: kept $base" >&2; else rm -rf "$base"; fi
}
trap cleanup EXIT

seconds() { awk -v from="$1" -v to="$2" 'BEGIN { printf "%.1f", to - from }'; }
fail() { echo "pitr-drill: FAILED: $*" >&2; exit 1; }

start_server() { # data directory
  as_owner "$bindir/pg_ctl" -D "$1" -w -t 60 -l "$1.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$sock' -p $port" start >/dev/null \
    || { cat "$1.log" >&2; fail "the server in $1 did not start"; }
  running+=("$1")
}

stop_server() { # data directory
  as_owner "$bindir/pg_ctl" -D "$1" -m fast -w stop >/dev/null
  local kept=()
  for data in "${running[@]}"; do [ "$data" = "$1" ] || kept+=("$data"); done
  running=("${kept[@]+"${kept[@]}"}")
}

sql() { "$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d chancery -c "$1"; }

export DATABASE_URL="host=$sock port=$port user=postgres dbname=chancery"
export CHANCERY_USER=pitr-drill

# 1. The production setup in small: WAL archiving to a local folder (docs/backup-and-recovery.md).
primary=$base/primary
as_owner "$bindir/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 \
  || { cat "$base/initdb.log" >&2; fail "initdb"; }
cat <<EOF | as_owner tee -a "$primary/postgresql.conf" >/dev/null
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $archive/%f && cp %p $archive/%f'
max_wal_senders = 4
EOF
start_server "$primary"
as_owner "$bindir/createdb" -h "$sock" -p "$port" -U postgres chancery

# 2. A register: the founding example and an edition.
"$chancery" db migrate --no-reference >/dev/null
"$chancery" demo >/dev/null
"$chancery" import "$fixture" >/dev/null

# 3. The base backup, checked against its own manifest.
basebackup=$base/basebackup
as_owner "$bindir/pg_basebackup" -h "$sock" -p "$port" -U postgres -D "$basebackup" -X stream --checkpoint=fast
as_owner "$bindir/pg_verifybackup" -q "$basebackup" || fail "pg_verifybackup found the base backup damaged"
basebackup_size=$(du -sh "$basebackup" | cut -f1)

# 4. Letters written after the base backup, which only the WAL holds.
add_letter() { # subject
  "$chancery" letter add --from "Joe Biden" --to "Hun Sen" --date 2022-06 --subject "$1"
}
kept_refs=()
for n in 1 2 3; do kept_refs+=("$(add_letter "Written after the base backup, before the moment ($n)")"); done
"$chancery" letter edit "${kept_refs[0]}" --summary "Edited before the moment" >/dev/null

# 5. The moment: a named restore point and a timestamp, and the export they must reproduce.
"$chancery" export --format jsonl --output "$base/out/at-the-moment.jsonl"
sed -i 's/,"exported":"[^"]*"//' "$base/out/at-the-moment.jsonl"
letters_expected=$(sql "SELECT count(*) FROM letter")
sql "SELECT pg_create_restore_point('drill')" >/dev/null
moment=$(sql "SELECT clock_timestamp()")
# Commits after the moment must carry a later timestamp than it.
sleep 0.2

# 6. Letters that must not come back.
lost_refs=()
for n in 1 2; do lost_refs+=("$(add_letter "Written after the moment ($n)")"); done
"$chancery" letter edit "${kept_refs[1]}" --summary "Edited after the moment" >/dev/null
# Close the WAL segment holding all this so the archiver copies it, and wait until it has.
last=$(sql "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 100); do [ -f "$archive/$last" ] && break; sleep 0.1; done
[ -f "$archive/$last" ] || fail "the WAL segment $last was not archived"
stop_server "$primary"

# 7. Restore the base backup plus the archive, to the moment, into a new data directory.
letters_found=
recover() { # name, recovery target setting
  local data=$base/restored-$1
  as_owner cp -a "$basebackup" "$data"
  cat <<EOF | as_owner tee -a "$data/postgresql.auto.conf" >/dev/null
restore_command = 'cp $archive/%f %p'
$2
# Not into the drill's archive: the first recovery's new timeline would lead the second astray.
archive_mode = off
recovery_target_action = 'promote'
EOF
  as_owner touch "$data/recovery.signal"
  local began ended
  began=$(date +%s.%N)
  start_server "$data"
  for _ in $(seq 1 300); do [ "$(sql "SELECT pg_is_in_recovery()")" = f ] && break; sleep 0.1; done
  [ "$(sql "SELECT pg_is_in_recovery()")" = f ] || fail "$1: the restored server did not finish recovery"
  ended=$(date +%s.%N)
  local replayed
  replayed=$(grep -c 'restored log file' "$data.log" || true)

  "$chancery" export --format jsonl --output "$base/out/restored-$1.jsonl"
  letters_found=$(sql "SELECT count(*) FROM letter")
  # Byte for byte but for the header's moment of export, which is each export's own.
  sed -i 's/,"exported":"[^"]*"//' "$base/out/restored-$1.jsonl"
  cmp -s "$base/out/at-the-moment.jsonl" "$base/out/restored-$1.jsonl" \
    || { diff "$base/out/at-the-moment.jsonl" "$base/out/restored-$1.jsonl" | head -20 >&2; fail "$1: the restored export differs from the one at the moment"; }
  for ref in "${kept_refs[@]}"; do "$chancery" letter show "$ref" >/dev/null 2>&1 || fail "$1: $ref (before the moment) is missing"; done
  for ref in "${lost_refs[@]}"; do
    if "$chancery" letter show "$ref" >/dev/null 2>&1; then fail "$1: $ref (after the moment) came back"; fi
  done
  [ "$letters_found" = "$letters_expected" ] || fail "$1: $letters_found letters, expected $letters_expected"
  printf '  %-15s %2s WAL segments replayed, recovered in %s s, letters expected %s, found %s\n' \
    "$1:" "$replayed" "$(seconds "$began" "$ended")" "$letters_expected" "$letters_found"
  stop_server "$data"
}

echo "pitr-drill: base backup $basebackup_size, $(ls "$archive" | grep -c '^[0-9A-F]\{24\}$') WAL segments archived; moment $moment"
recover restore-point "recovery_target_name = 'drill'"
recover timestamp "recovery_target_time = '$moment'"
echo "pitr-drill: passed in $(seconds "$started" "$(date +%s.%N)") s"
