# The two commands of the README: `make demo` and `make test`. Both install missing Debian
# packages first (when run as root) and build with SwiftPM.

SWIFT ?= swift
CHANCERY = .build/debug/chancery

.PHONY: demo test api-contract drills drills-short fuzz fuzz-short pitr-drill intake-eval build deps clean-db

## Runs the founding example on the embedded PostgreSQL cluster (created under .chancery/).
demo: build
	env -u DATABASE_URL -u PGHOST $(CHANCERY) demo

## Runs the whole test suite against a throw-away PostgreSQL cluster, holds the API to its
## OpenAPI document with schemathesis (directly, then through pgbouncer in transaction pooling
## mode), and runs the fault drills' short form.
test: deps
	bash scripts/ensure-browser-tools.sh
	bash scripts/ensure-schemathesis.sh
	$(SWIFT) build --build-tests
	bash scripts/run-tests.sh
	bash scripts/run-schemathesis.sh
	SCHEMATHESIS_THROUGH=pgbouncer SCHEMATHESIS_MAX_EXAMPLES=25 bash scripts/run-schemathesis.sh
	python3 drills/run.py --short
	bash drills/pitr-drill.sh

## Only the schemathesis run of `make test`: every operation of docs/openapi.json but the token
## ones, every phase.
api-contract: build
	bash scripts/run-schemathesis.sh

## Fuzzes the parsers of untrusted input (EDTF, CMIF/TEI, CSV, JSON Lines) with libFuzzer and the address sanitizer, ten minutes each; see Fuzz/README.md.
fuzz:
	bash scripts/fuzz/run.sh --seconds 600

## The same for a minute each.
fuzz-short:
	bash scripts/fuzz/run.sh --seconds 60

## Point-in-time recovery on a throw-away loopback cluster: base backup plus archived WAL, recovered
## to a restore point and to a timestamp (drills/pitr-drill.sh, docs/backup-and-recovery.md).
pitr-drill: build
	bash drills/pitr-drill.sh

## Article intake on the development set: precision and recall per record type (README, docs/intake.md).
intake-eval: deps
	$(SWIFT) build --build-tests
	bash scripts/run-tests.sh --filter IntakeDevSetTests
	cat .build/intake-devset.md .build/intake-heldout.md

build: deps
	$(SWIFT) build

deps:
	bash scripts/ensure-deps.sh

## Stops the embedded cluster and deletes its data.
clean-db: build
	-env -u DATABASE_URL -u PGHOST $(CHANCERY) db stop
	rm -rf .chancery

## The fault drills in full (docs/reliability.md): kill -9 of imports and of PostgreSQL, an
## outage under write load, concurrent editors, slow and hung clients, point-in-time recovery.
drills: build
	python3 drills/run.py
	bash drills/pitr-drill.sh

## Their short form, also run by `make test`.
drills-short: build
	python3 drills/run.py --short
	bash drills/pitr-drill.sh
