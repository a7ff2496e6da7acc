#!/bin/sh
# A hot standby of the compose file's `db`: on first start (an empty data folder) it copies the
# primary with pg_basebackup, which also writes the settings that make it follow the primary
# (standby.signal, primary_conninfo); then it runs the postgres image's usual entrypoint.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U "$POSTGRES_USER" >/dev/null 2>&1; do sleep 1; done
  mkdir -p "$PGDATA"
  chown postgres "$PGDATA"
  chmod 700 "$PGDATA"
  # The primary's first boot restarts once after its init scripts: retry the copy for a while.
  n=1
  until PGPASSWORD="$REPLICATION_PASSWORD" gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U replicator \
      -D "$PGDATA" -R -X stream -c fast; do
    [ "$n" -lt 30 ] || { echo "standby: pg_basebackup failed 30 times" >&2; exit 1; }
    n=$((n + 1))
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
fi
exec docker-entrypoint.sh postgres
