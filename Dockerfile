# syntax=docker/dockerfile:1
#
# Chancery in a container: a build stage with the full Swift toolchain, and a small Debian runtime
# that carries only the binary, the Swift runtime libraries it links against, and libpq.
# Used by docker-compose.yml, which supplies DATABASE_URL pointing at its `db` service.

# ---------------------------------------------------------------------------------------------
# Build stage: the official Swift image (Debian 12 "bookworm", matching the runtime below, so the
# libraries copied across were built for the same glibc). Hummingbird needs Swift 6.2 or later.
FROM swift:6.3-bookworm AS build

# libpq-dev: the CLibPQ system-library target finds libpq through pkg-config.
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update \
    && apt-get install -y --no-install-recommends libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# The manifest (Package.resolved is optional: it is git-ignored and may be absent), the sources,
# the build plugin, and the files the plugin embeds into the binary (schema.sql, its upgrade
# scripts, Data/, docs/openapi.json).
COPY Package.swift Package.resolved* ./
# Tests/ is copied only because SwiftPM insists that every target declared in Package.swift,
# test targets included, has its folder; nothing in it is compiled for --product chancery.
COPY Sources ./Sources
COPY Plugins ./Plugins
COPY Tests ./Tests
COPY schema.sql ./
COPY migrations ./migrations
COPY Data ./Data
COPY docs ./docs

RUN swift build -c release --product chancery \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/chancery" /staging/chancery

# ---------------------------------------------------------------------------------------------
# Runtime stage: plain Debian, no compiler.
FROM debian:bookworm-slim AS runtime

# libpq5: the client library the binary links; ca-certificates: TLS to managed PostgreSQL servers;
# libstdc++6: needed by the Swift runtime libraries; libxml2: FoundationXML, which reads CMIF;
# curl: the compose file's health check asks /readyz; postgresql-client: pg_dump and pg_restore for
# `chancery db backup|restore` (bookworm's is 15, the compose file's server).
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get update \
    && apt-get install -y --no-install-recommends libpq5 ca-certificates libstdc++6 libxml2 tzdata curl postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# The Swift runtime (stdlib, Foundation, Dispatch, ICU data) the binary was linked against, at
# the same path as in the build image so the binary's runpath finds it; ldconfig as a backstop.
COPY --from=build /usr/lib/swift/linux/*.so /usr/lib/swift/linux/
RUN echo /usr/lib/swift/linux > /etc/ld.so.conf.d/swift.conf && ldconfig

COPY --from=build /staging/chancery /usr/local/bin/chancery
COPY scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 0755 /usr/local/bin/chancery /usr/local/bin/docker-entrypoint.sh

# Never run as root: a dedicated account with its own home (where `.chancery/` would go if the
# container were ever run without DATABASE_URL).
RUN useradd --system --create-home --home-dir /home/chancery --uid 10001 --user-group chancery
USER chancery
WORKDIR /home/chancery

# Migrate first, then run the command (see scripts/docker-entrypoint.sh).
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
# The JSON API, reachable from outside the container (publish the port to choose who reaches it).
EXPOSE 8080
CMD ["chancery", "serve", "--host", "0.0.0.0", "--port", "8080"]
