# The two commands of the README: `make demo` and `make test`. Both install missing Debian
# packages first (when run as root) and build with SwiftPM.

SWIFT ?= swift
CHANCERY = .build/debug/chancery

.PHONY: demo test build deps clean-db

## Runs the founding example on the embedded PostgreSQL cluster (created under .chancery/).
demo: build
	env -u DATABASE_URL -u PGHOST $(CHANCERY) demo

## Runs the whole test suite against a throw-away PostgreSQL cluster.
test: deps
	bash scripts/ensure-browser-tools.sh
	$(SWIFT) build --build-tests
	bash scripts/run-tests.sh

build: deps
	$(SWIFT) build

deps:
	bash scripts/ensure-deps.sh

## Stops the embedded cluster and deletes its data.
clean-db: build
	-env -u DATABASE_URL -u PGHOST $(CHANCERY) db stop
	rm -rf .chancery
