#!/usr/bin/env python3
"""Runs Chancery's fault drills and writes their figures to drills/.results/last-run.{json,md}.

    python3 drills/run.py             # the full drills (make drills)
    python3 drills/run.py --short     # the short form run by make test
    python3 drills/run.py --only import-kill,outage

Each drill starts its own loopback PostgreSQL cluster (durable settings) and the built binary
(default .build/debug/chancery). Exits non-zero when any drill found a fault."""

import argparse
import json
import os
import resource
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from chancerydrills import scenarios  # noqa: E402
from chancerydrills.report import write_report  # noqa: E402
from chancerydrills.chancery import REPO  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="the short form (make test)")
    parser.add_argument("--only", help="comma-separated drill names: " + ", ".join(scenarios.NAMES))
    parser.add_argument("--binary", default=os.path.join(REPO, ".build/debug/chancery"))
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--results", default=os.path.join(REPO, "drills/.results"))
    arguments = parser.parse_args()

    names = arguments.only.split(",") if arguments.only else scenarios.NAMES
    unknown = [n for n in names if n not in scenarios.NAMES]
    if unknown:
        parser.error(f"unknown drill {', '.join(unknown)}; the drills are {', '.join(scenarios.NAMES)}")
    if not os.access(arguments.binary, os.X_OK):
        parser.error(f"{arguments.binary} is not built; run `swift build` first")
    # A thousand idle connections need a thousand descriptors in this process and in the service.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536, hard))

    os.makedirs(arguments.results, exist_ok=True)
    settings = scenarios.Settings(short=arguments.short, binary=arguments.binary, seed=arguments.seed,
                                  workdir=arguments.results)
    results = []
    for name in names:
        print(f"drill {name} ({'short' if arguments.short else 'full'}, seed {arguments.seed}) …", flush=True)
        started = time.monotonic()
        try:
            result = scenarios.run(name, settings)
        except Exception as error:  # a drill that breaks is a failed drill, with its trace
            result = {"name": name, "failures": [f"the drill itself failed: {error}\n{traceback.format_exc()}"]}
        result["drill"] = name
        result["seconds"] = round(time.monotonic() - started, 1)
        results.append(result)
        verdict = "FAILED" if result.get("failures") else "passed"
        print(f"drill {name}: {verdict} in {result['seconds']} s", flush=True)
        for failure in result.get("failures", []):
            print("  - " + failure, flush=True)
    write_report(results, arguments, settings)
    sys.exit(1 if any(r.get("failures") for r in results) else 0)


if __name__ == "__main__":
    main()
