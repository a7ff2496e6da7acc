"""Drill 5: slow and hung clients. While a thousand connections sit idle and a few clients send
their bodies (or headers) a byte a second, other clients must keep their normal latency; the
service closes the slow ones at the limits it was given (--body-timeout, --header-timeout,
--idle-timeout) and the idle ones at the idle timeout."""

import socket
import statistics
import threading
import time

from .api_service import APIUnderTest
from .http import Client


def latencies(port, token, seconds, clients=4):
    """Listing requests from `clients` threads for `seconds`; each one's time in milliseconds."""
    found, lock, stop = [], threading.Lock(), time.monotonic() + seconds
    errors = []

    def reader():
        client = Client(port, token, timeout=30)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                answer = client.request("GET", "/v1/letters?limit=20")
            except OSError as error:
                errors.append(str(error))
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if answer.status == 200:
                    found.append(elapsed)
                else:
                    errors.append(answer.status)
        client.close()

    threads = [threading.Thread(target=reader) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found, errors


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else None


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setblocking(False)
    return sock


def is_closed(sock):
    try:
        data = sock.recv(4096)
        return data == b"" or None   # b"" is the service's close; an answer (data) is not
    except BlockingIOError:
        return False
    except OSError:
        return True


class Trickler(threading.Thread):
    """Clients that send a request's body (or its headers) one byte a second, and note when the
    service hangs up on them."""

    def __init__(self, port, bodies, heads):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.clients = []
        for _ in range(bodies):
            sock = connect(port)
            sock.sendall(b"POST /v1/letters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100000\r\n\r\n")
            self.clients.append({"kind": "body", "socket": sock, "started": time.monotonic(), "closed_after": None})
        for _ in range(heads):
            sock = connect(port)
            sock.sendall(b"GET /v1/letters HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.clients.append({"kind": "head", "socket": sock, "started": time.monotonic(), "closed_after": None})

    def run(self):
        while not self.stop.is_set():
            for client in self.clients:
                if client["closed_after"] is not None:
                    continue
                try:
                    client["socket"].send(b"{" if client["kind"] == "body" else b"X")
                    closed = is_closed(client["socket"])
                except OSError:
                    closed = True
                if closed:
                    client["closed_after"] = round(time.monotonic() - client["started"], 1)
            self.stop.wait(1)

    def closed_after(self, kind):
        return [c["closed_after"] for c in self.clients if c["kind"] == kind]

    def close(self):
        self.stop.set()
        for client in self.clients:
            client["socket"].close()


def resident_megabytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def run(cluster, settings, archive, measure_seconds, idle_connections, idle_timeout):
    limits = {"header_timeout": 10, "body_timeout": 10, "body_min_rate": 1024, "idle_timeout": idle_timeout}
    api = APIUnderTest(cluster, settings, "slow", serve_options=(
        "--header-timeout", str(limits["header_timeout"]), "--body-timeout", str(limits["body_timeout"]),
        "--body-min-rate", str(limits["body_min_rate"]), "--idle-timeout", str(limits["idle_timeout"])))
    result = {"name": "slow and hung clients", "limits": limits, "idle_connections": idle_connections}
    idle = []
    trickler = None
    try:
        api.chancery.run("import", archive, "--format", "jsonl", "--quiet")
        latencies(api.port, api.token, 2)   # warm-up: connections in the pool, statements prepared
        baseline, baseline_errors = latencies(api.port, api.token, measure_seconds)
        rss_before = resident_megabytes(api.pid)

        idle = [connect(api.port) for _ in range(idle_connections)]
        opened_at = time.monotonic()
        trickler = Trickler(api.port, bodies=10, heads=10)
        trickler.start()
        loaded, loaded_errors = latencies(api.port, api.token, measure_seconds)
        rss_loaded = resident_megabytes(api.pid)
        open_during = sum(1 for sock in idle if is_closed(sock) is False)

        # The slow clients are cut off at their limits; then the idle ones at the idle timeout.
        deadline = time.monotonic() + max(limits["body_timeout"], limits["header_timeout"]) + 15
        while time.monotonic() < deadline and any(c is None for c in trickler.closed_after("body") + trickler.closed_after("head")):
            time.sleep(0.5)
        idle_closed_at = None
        while time.monotonic() < opened_at + idle_timeout + 20:
            if all(is_closed(sock) is not False for sock in idle):
                idle_closed_at = round(time.monotonic() - opened_at, 1)
                break
            time.sleep(0.5)

        p99_base, p99_loaded = percentile(baseline, 0.99), percentile(loaded, 0.99)
        result.update({
            "requests_baseline": len(baseline),
            "p50_ms_baseline": round(statistics.median(baseline), 2),
            "p99_ms_baseline": round(p99_base, 2),
            "requests_under_slow_clients": len(loaded),
            "p50_ms_under_slow_clients": round(statistics.median(loaded), 2),
            "p99_ms_under_slow_clients": round(p99_loaded, 2),
            "p99_ratio": round(p99_loaded / p99_base, 2),
            "errors": len(baseline_errors) + len(loaded_errors),
            "idle_connections_open_while_measured": open_during,
            "slow_bodies_closed_after_s": sorted(set(trickler.closed_after("body"))),
            "slow_heads_closed_after_s": sorted(set(trickler.closed_after("head"))),
            "idle_connections_all_closed_after_s": idle_closed_at,
            "service_rss_mb_before_and_loaded": [rss_before, rss_loaded],
            "service_restarted": not api.same_process(),
        })
        failures = []
        # "Within its normal p99": the loaded p99 may exceed the quiet one only by noise.
        # Timings are judged by the full drills only: the short form runs inside `make test`,
        # whose verdicts must not depend on how busy the machine is.
        if not settings.short and p99_loaded > 1.5 * p99_base + 5:
            failures.append(f"p99 rose from {p99_base:.1f} ms to {p99_loaded:.1f} ms under slow clients")
        if result["errors"]:
            failures.append(f"{result['errors']} requests failed: {(baseline_errors + loaded_errors)[:3]}")
        if open_during < idle_connections:
            failures.append(f"only {open_during} of {idle_connections} idle connections were still open while measured")
        for kind, limit in (("body", limits["body_timeout"]), ("head", limits["header_timeout"])):
            closed = trickler.closed_after(kind)
            if any(c is None or c > limit + 10 for c in closed):
                failures.append(f"slow {kind} clients were closed after {closed} s, limit {limit} s")
        if idle_closed_at is None or idle_closed_at > idle_timeout + 10:
            failures.append(f"idle connections were not all closed by the {idle_timeout} s idle timeout ({idle_closed_at})")
        if result["service_restarted"]:
            failures.append("the service process died")
        result["failures"] = failures
        return result
    finally:
        if trickler:
            trickler.close()
        for sock in idle:
            sock.close()
        api.stop()
