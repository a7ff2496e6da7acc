"""Drill 2: SIGKILL of the postmaster during an import and during API writes. After each kill
PostgreSQL is started again (crash recovery) and the work re-run; the import must equal a clean
one, and every write the API acknowledged must exist exactly once."""

import random
import threading
import time

from . import import_kill, writers
from .api_service import APIUnderTest
from .chancery import Chancery, wait_until


def during_import(cluster, settings, archive, kills, reference):
    rng = random.Random(settings.seed)
    cluster.createdb("crashed")
    chancery = Chancery(settings.binary, cluster.url("crashed"))
    chancery.run("db", "migrate", "--no-reference")
    result = {"postmaster_kills_during_import": 0, "import_phases_at_kill": {}, "recovery_seconds": []}
    attempts = 0
    while result["postmaster_kills_during_import"] < kills and attempts < 3 * kills:
        attempts += 1
        process = chancery.start(*import_kill.import_command(archive))
        time.sleep(rng.uniform(0.3, reference["seconds"] * 0.9))
        if process.poll() is not None:
            continue
        phase = import_kill.import_phase(cluster, "crashed")
        cluster.kill_postmaster()
        process.wait(120)
        result["postmaster_kills_during_import"] += 1
        result["import_phases_at_kill"][phase] = result["import_phases_at_kill"].get(phase, 0) + 1
        started = time.monotonic()
        cluster.start()
        result["recovery_seconds"].append(round(time.monotonic() - started, 2))
    chancery.run(*import_kill.import_command(archive))
    failures = import_kill.check_equal(cluster, "crashed", chancery, reference, settings.workdir, result)
    if result["postmaster_kills_during_import"] < kills:
        failures.append(f"only {result['postmaster_kills_during_import']} kills landed during an import")
    return result, failures


def during_api_writes(cluster, settings, clients, kills):
    api = APIUnderTest(cluster, settings, "crashed_api")
    result = {"postmaster_kills_during_writes": 0}
    try:
        writers.create_correspondents(api.port, api.token)
        ledger, stop = writers.Ledger(), threading.Event()
        team = [writers.Writer(n, api.port, api.token, ledger, stop) for n in range(clients)]
        for member in team:
            member.start()
        rng = random.Random(settings.seed + 1)
        for _ in range(kills):
            target = len(ledger.acknowledged) + clients
            wait_until(lambda: len(ledger.acknowledged) >= target, 120)
            time.sleep(rng.uniform(0, 1))
            cluster.kill_postmaster()
            result["postmaster_kills_during_writes"] += 1
            time.sleep(1)
            cluster.start()
        target = len(ledger.acknowledged) + clients
        recovered = wait_until(lambda: len(ledger.acknowledged) >= target, 120)
        stop.set()
        for member in team:
            member.join(200)
        result.update(writers.account(cluster, "crashed_api", ledger))
        result["service_restarted"] = not api.same_process()
        failures = writers.accounting_failures(result)
        if not recovered:
            failures.append("writes were not acknowledged again after the last restart")
        if result["service_restarted"]:
            failures.append("the service process died")
        return result, failures
    finally:
        api.stop()


def run(cluster, settings, archive, import_kills, write_kills, clients):
    reference = import_kill.load_clean(cluster, settings.binary, archive, settings.workdir)
    result = {"name": "kill -9 of PostgreSQL"}
    imported, import_failures = during_import(cluster, settings, archive, import_kills, reference)
    written, write_failures = during_api_writes(cluster, settings, clients, write_kills)
    result.update(imported)
    result.update(written)
    result["failures"] = import_failures + write_failures
    return result
