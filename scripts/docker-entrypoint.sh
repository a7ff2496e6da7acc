#!/bin/sh
# Container entrypoint: bring the database schema up to date, then become the requested command.
#
# Compose starts this container only once the `db` service reports healthy, but the official
# postgres image briefly answers pg_isready during its first-boot initialisation and then
# restarts, so the migration is retried for a short while instead of failing on that blip.
set -eu

attempts=${CHANCERY_MIGRATE_ATTEMPTS:-10}
n=1
until chancery db migrate; do
    if [ "$n" -ge "$attempts" ]; then
        echo "docker-entrypoint: 'chancery db migrate' failed $attempts times; giving up" >&2
        exit 1
    fi
    echo "docker-entrypoint: migration failed (attempt $n of $attempts); retrying in 2 s" >&2
    n=$((n + 1))
    sleep 2
done

# exec, so the command is PID 1 and receives `docker stop`'s SIGTERM directly.
exec "$@"
