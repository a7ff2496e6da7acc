"""Drill 6: the primary dies under write load and its synchronous standby takes over.

`chancery serve` runs with a multi-host DATABASE_URL (primary, standby; target_session_attrs=
read-write) and the standby as its read URL. Idempotent writers log letters through it; the
primary's postmaster is killed (SIGKILL: no shutdown, no goodbye to the standby); after
`detect_seconds`, as a failover manager would, the standby is promoted. The service must find the
new primary by itself (no restart), and every write it acknowledged must be on the new primary
exactly once: synchronous replication acknowledges a commit only once the standby has it."""

import re
import threading
import time

from . import writers
from .chancery import Chancery, wait_until
from .cluster import Cluster
from .http import Client

DATABASE = "failover"


def run(primary, settings, clients, detect_seconds, after_seconds):
    standby = Cluster("failover-standby")
    result = {"name": "failover to a synchronous standby", "clients": clients, "detect_seconds": detect_seconds}
    service = None
    try:
        primary.createdb(DATABASE)
        setup = Chancery(settings.binary, primary.url(DATABASE))
        setup.run("db", "migrate", "--no-reference")
        token = setup.token("drill-editor", "editor")
        standby.create_standby_of(primary)
        # Commits wait for the standby from now on.
        primary.sql(DATABASE, "ALTER SYSTEM SET synchronous_standby_names = '*'")
        primary.sql(DATABASE, "SELECT pg_reload_conf()")
        if not wait_until(lambda: primary.value(DATABASE, "SELECT sync_state FROM pg_stat_replication") == "sync", 30):
            raise RuntimeError("the standby did not become synchronous")

        hosts = f"{primary.tcp_address()},{standby.tcp_address()}"
        url = f"postgresql://{hosts}/{DATABASE}?user=postgres&target_session_attrs=read-write&connect_timeout=2"
        read_url = f"postgresql://{standby.tcp_address()}/{DATABASE}?user=postgres&connect_timeout=2"
        log_path = f"{settings.workdir}/serve-failover.log"
        service = Chancery(settings.binary, url).serve("--read-url", read_url, log_path=log_path)
        pid = service.pid

        writers.create_correspondents(service.port, token)
        ledger, stop = writers.Ledger(), threading.Event()
        team = [writers.Writer(n, service.port, token, ledger, stop) for n in range(clients)]
        probe = writers.Probe(service.port, token)
        for member in team + [probe]:
            member.start()
        if not wait_until(lambda: len(ledger.acknowledged) >= 3 * clients, 120):
            raise RuntimeError(f"only {len(ledger.acknowledged)} writes acknowledged before the failover")
        before = len(ledger.acknowledged)
        reads_before = standby_reads(service.port)

        killed_at = time.monotonic()
        primary.kill_postmaster()
        time.sleep(detect_seconds)
        standby.promote()
        promoted_at = time.monotonic()
        wait_until(lambda: ledger.first_acknowledged_after(promoted_at) is not None, 60)
        time.sleep(after_seconds)
        stop.set()
        for member in team:
            member.join(200)
        probe.stop.set()
        probe.join(15)

        # A command started after the failover, with the same URL, finds the new primary too:
        # a write (a correspondent) and a read.
        command = Chancery(settings.binary, url)
        added = command.run("actor", "add", "--kind", "person", "--name", "Cora Failover", check=False)
        listed = command.run("letters", "--limit", "1", check=False)
        first_write = ledger.first_acknowledged_after(promoted_at)
        first_read = probe.first_success_after(promoted_at)
        result.update({
            "seconds_without_a_primary": round(promoted_at - killed_at, 2),
            "acknowledged_before_the_kill": before,
            "reads_served_by_the_standby_before": reads_before,
            "seconds_from_promotion_to_first_acknowledged_write": round(first_write - promoted_at, 2) if first_write else None,
            "seconds_from_promotion_to_first_read": round(first_read - promoted_at, 2) if first_read else None,
            "service_restarted": not (service.alive() and service.pid == pid),
            "commands_after_the_failover": "wrote and read" if added.returncode == 0 and listed.returncode == 0
                                           else f"failed: {added.stderr.strip()} {listed.stderr.strip()}",
        })
        result.update(writers.account(standby, DATABASE, ledger))
        failures = writers.accounting_failures(result)
        if added.returncode or listed.returncode:
            failures.append("a command with the multi-host URL failed after the failover")
        if not reads_before:
            failures.append("the standby served no reads before the failover")
        if first_write is None:
            failures.append("no write was acknowledged after the promotion")
        failures += writers.service_failures(result, before, "the failover")
        result["failures"] = failures
        return result
    finally:
        if service:
            service.stop()
        standby.destroy()


def standby_reads(port):
    """Reads the service's metrics say the standby served."""
    client = Client(port, None)
    try:
        text = client.request("GET", "/metrics").body
    finally:
        client.close()
    found = re.search(r'chancery_database_reads_total\{target="standby-1"\} (\d+)', text)
    return int(found.group(1)) if found else 0
