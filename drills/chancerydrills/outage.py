"""Drill 3: PostgreSQL stopped for a while under write load from idempotent clients."""

import threading
import time

from . import writers
from .api_service import APIUnderTest
from .chancery import wait_until


def run(cluster, settings, clients, outage_seconds, after_seconds):
    api = APIUnderTest(cluster, settings, "outage")
    result = {"name": "outage under write load", "clients": clients, "outage_seconds": outage_seconds}
    try:
        writers.create_correspondents(api.port, api.token)
        ledger, stop = writers.Ledger(), threading.Event()
        team = [writers.Writer(n, api.port, api.token, ledger, stop) for n in range(clients)]
        probe = writers.Probe(api.port, api.token)
        for member in team + [probe]:
            member.start()
        steady = wait_until(lambda: len(ledger.acknowledged) >= 2 * clients, 120)
        if not steady:
            raise RuntimeError(f"only {len(ledger.acknowledged)} writes acknowledged before the outage")
        before = len(ledger.acknowledged)

        stopped_at = time.monotonic()
        cluster.stop("fast")
        time.sleep(outage_seconds)
        cluster.start()
        returned_at = time.monotonic()
        time.sleep(after_seconds)
        stop.set()
        for member in team:
            member.join(200)
        probe.stop.set()
        probe.join(15)

        during = ledger.statuses_between(stopped_at, returned_at)
        with probe.lock:
            probe_during = [a for a in probe.answers if stopped_at <= a[0] <= returned_at]
        first_probe = probe.first_success_after(returned_at)
        first_write = ledger.first_acknowledged_after(returned_at)
        result.update({
            "acknowledged_before_outage": before,
            "writer_answers_during_outage": during,
            "probe_answers_during_outage": len(probe_during),
            "probe_503_with_retry_after": sum(1 for _, s, ra in probe_during if s == 503 and ra and ra.isdigit()),
            "probe_503_without_retry_after": sum(1 for _, s, ra in probe_during if s == 503 and not (ra and ra.isdigit())),
            "probe_connection_errors": sum(1 for _, s, _ in probe_during if s is None),
            "seconds_to_first_2xx": round(first_probe - returned_at, 2) if first_probe else None,
            "seconds_to_first_acknowledged_write": round(first_write - returned_at, 2) if first_write else None,
            "service_restarted": not api.same_process(),
        })
        result.update(writers.account(cluster, "outage", ledger))
        failures = writers.accounting_failures(result)
        if ledger.unavailable_without_retry_after or result["probe_503_without_retry_after"]:
            failures.append("503 answers without a Retry-After")
        if result["probe_503_with_retry_after"] == 0:
            failures.append("no 503 with Retry-After was seen while the database was down")
        if result["seconds_to_first_2xx"] is None:
            failures.append("no 2xx after the database returned")
        elif result["seconds_to_first_2xx"] > 2 and not settings.short:   # timings: full drills only
            failures.append(f"the first 2xx came {result['seconds_to_first_2xx']} s after the database returned (goal ≤ 2 s)")
        failures += writers.service_failures(result, before, "the outage")
        result["failures"] = failures
        return result
    finally:
        api.stop()
