"""Writes the figures of a run as JSON and Markdown (drills/.results/last-run.*)."""

import datetime
import json
import os
import platform
import subprocess

from .chancery import REPO


def commit():
    result = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def write_report(results, arguments, settings):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = {"when": stamp, "commit": commit(), "form": "short" if settings.short else "full",
              "seed": settings.seed, "cpus": os.cpu_count(), "machine": platform.machine()}
    with open(os.path.join(arguments.results, "last-run.json"), "w") as f:
        json.dump({"run": header, "drills": results}, f, indent=2, default=str)
    lines = [f"# Drills, {header['form']} form, {stamp}, commit {header['commit']}, seed {settings.seed}, "
             f"{header['cpus']} CPUs", ""]
    for result in results:
        verdict = "FAILED" if result.get("failures") else "passed"
        lines.append(f"## {result.get('name', result['drill'])}: {verdict} ({result.get('seconds')} s)")
        lines.append("")
        lines.append("| figure | value |")
        lines.append("|---|---|")
        for key, value in result.items():
            if key in ("name", "drill", "failures", "seconds"):
                continue
            lines.append(f"| {key.replace('_', ' ')} | {value} |")
        for failure in result.get("failures", []):
            lines.append(f"\n- **failure**: {failure}")
        lines.append("")
    with open(os.path.join(arguments.results, "last-run.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
