"""Drill 1: `chancery import` killed with SIGKILL at random moments, then run to the end. The
database must equal a clean import of the same archive: counts per table, no duplicates, and a
byte-identical JSON Lines export."""

import os
import random
import signal
import time

from . import compare
from .chancery import Chancery


def import_command(archive):
    return ("import", archive, "--format", "jsonl", "--quiet")


def load_clean(cluster, binary, archive, workdir):
    """A clean import: the reference the faulty database must equal, and how long it takes."""
    cluster.createdb("clean")
    clean = Chancery(binary, cluster.url("clean"))
    clean.run("db", "migrate", "--no-reference")
    started = time.monotonic()
    clean.run(*import_command(archive))
    seconds = time.monotonic() - started
    reference = {
        "counts": compare.table_counts(cluster, "clean"),
        "duplicates": compare.duplicates(cluster, "clean"),
        "export": clean.export_jsonl(os.path.join(workdir, "clean.jsonl")),
        "seconds": seconds,
    }
    return reference


def check_equal(cluster, database, chancery, reference, workdir, result):
    """Fills `result` with the comparison and returns the list of failures."""
    failures = []
    counts = compare.table_counts(cluster, database)
    count_diff = compare.differences(reference["counts"], counts)
    result["tables_compared"] = len(counts)
    result["letters"] = counts.get("letter")
    if count_diff:
        failures.append("row counts differ from the clean import: " + "; ".join(count_diff))
    dups = compare.duplicates(cluster, database)
    result["duplicates_beyond_clean"] = sum(max(0, dups[k] - reference["duplicates"][k]) for k in dups)
    dup_diff = compare.differences(reference["duplicates"], dups)
    if dup_diff:
        failures.append("duplicate groups differ from the clean import: " + "; ".join(dup_diff))
    exported = chancery.export_jsonl(os.path.join(workdir, f"{database}.jsonl"))
    result["export_identical"] = exported == reference["export"]
    result["export_bytes"] = len(exported)
    if exported != reference["export"]:
        failures.append(f"the JSON Lines export differs from the clean import's "
                        f"({len(exported)} bytes against {len(reference['export'])})")
    return failures


def orphaned_backends(cluster, database):
    """Sessions of killed clients still running on the server."""
    return int(cluster.value("postgres", f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' "
                                         "AND pid <> pg_backend_pid()"))


def import_phase(cluster, database):
    """What the import's server session is doing: the first words of its statement."""
    query = cluster.value("postgres", "SELECT coalesce(string_agg(left(regexp_replace(query, '\\s+', ' ', 'g'), 40), ' | '), "
                                      f"'connecting') FROM pg_stat_activity WHERE datname = '{database}' "
                                      "AND pid <> pg_backend_pid() AND state <> 'idle'")
    words = (query or "connecting").split()
    return " ".join(words[:3]) if words else "connecting"


def run(cluster, binary, archive, kills, seed, workdir, reference):
    rng = random.Random(seed)
    cluster.createdb("killed")
    chancery = Chancery(binary, cluster.url("killed"))
    chancery.run("db", "migrate", "--no-reference")
    result = {"name": "kill -9 of an import", "kills": 0, "finished_before_kill": 0, "moments": [],
              "longest_orphan_seconds": 0.0}
    # Within the clean import's duration, so that nearly every kill lands before the commit.
    window = reference["seconds"] * 0.95
    result["phases_at_kill"] = {}
    attempts = 0
    while result["kills"] < kills and attempts < 3 * kills:
        attempts += 1
        moment = rng.uniform(0.05, window)
        process = chancery.start(*import_command(archive))
        time.sleep(moment)
        if process.poll() is None:
            phase = import_phase(cluster, "killed")
            process.send_signal(signal.SIGKILL)
            result["phases_at_kill"][phase] = result["phases_at_kill"].get(phase, 0) + 1
            process.wait()
            result["kills"] += 1
            result["moments"].append(round(moment, 2))
        else:
            result["finished_before_kill"] += 1
            if process.returncode != 0:
                raise RuntimeError(f"an import exited {process.returncode}: {process.stderr.read()}")
            # Once an import has committed, the next ones find everything stored and finish in a
            # fraction of the clean import's time: kill them sooner than this one finished.
            window = max(0.1, moment * 0.9)
        # The killed client's server session must end by itself, not hold the import lock.
        started = time.monotonic()
        while orphaned_backends(cluster, "killed") > 0 and time.monotonic() - started < 120:
            time.sleep(0.05)
        result["longest_orphan_seconds"] = max(result["longest_orphan_seconds"], round(time.monotonic() - started, 2))
    letters_before_final = int(cluster.value("killed", "SELECT count(*) FROM letter"))
    result["letters_committed_before_final_run"] = letters_before_final
    chancery.run(*import_command(archive))
    failures = check_equal(cluster, "killed", chancery, reference, workdir, result)
    if result["kills"] < kills:
        failures.append(f"only {result['kills']} of {attempts} imports were still running when killed")
    result["failures"] = failures
    return result
