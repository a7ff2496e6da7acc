#!/bin/sh
# Runs once, when the primary's data folder is first created (the postgres image runs the files of
# /docker-entrypoint-initdb.d): a role that may stream the primary's WAL, and the pg_hba line that
# lets it connect for replication (the image's own lines cover databases only, not replication).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="${REPLICATION_PASSWORD:-replicator}" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
