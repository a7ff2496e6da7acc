"""Clients that log letters through the API the way a careful client does: each letter with its
own Idempotency-Key, retried with the same key after a 503 (waiting as Retry-After says) or a
connection error, until the service acknowledges it with 201. A ledger records every answer, so a
drill can account for every acknowledged write in the database afterwards."""

import http.client
import random
import threading
import time
import uuid

from .http import Client

SENDER = "Ada Drillwright"
RECIPIENT = "Ben Drillwright"


def create_correspondents(port, token):
    client = Client(port, token)
    for name in (SENDER, RECIPIENT):
        answer = client.request("POST", "/v1/actors", {"kind": "person", "name": name})
        if answer.status not in (201, 409):
            raise RuntimeError(f"creating {name}: {answer}")
    client.close()


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = []          # (subject, ref, monotonic time)
        self.status_counts = {}         # status → count
        self.answer_times = []          # (monotonic time, status)
        self.unavailable_without_retry_after = 0
        self.connection_errors = 0
        self.unexpected = []            # answers no retry policy covers
        self.replayed = 0
        self.hung_up = 0                # first tries whose answer the client never read

    def note(self, status):
        with self.lock:
            self.status_counts[status] = self.status_counts.get(status, 0) + 1
            self.answer_times.append((time.monotonic(), status))

    def statuses_between(self, start, end):
        with self.lock:
            found = {}
            for moment, status in self.answer_times:
                if start <= moment <= end:
                    found[status] = found.get(status, 0) + 1
            return found

    def first_acknowledged_after(self, moment):
        with self.lock:
            times = [t for _, _, t in self.acknowledged if t >= moment]
        return min(times) if times else None


class Writer(threading.Thread):
    def __init__(self, number, port, token, ledger, stop, pause=0.0, request_timeout=30, hang_up_share=0.1):
        super().__init__(daemon=True)
        self.hang_up_share = hang_up_share
        self.random = random.Random(number)
        self.number = number
        self.client = Client(port, token, timeout=request_timeout)
        self.ledger = ledger
        self.stop = stop
        self.pause = pause
        self.sequence = 0

    def run(self):
        while not self.stop.is_set():
            self.sequence += 1
            key = str(uuid.uuid4())
            subject = f"drill letter {self.number}-{self.sequence} {key}"
            self.write_until_acknowledged(key, subject)
            if self.pause:
                time.sleep(self.pause)
        self.client.close()

    def write_until_acknowledged(self, key, subject):
        body = {"from": [{"name": SENDER}], "to": [{"name": RECIPIENT}], "date": "2024-05", "subject": subject}
        # Once asked, a letter is retried to its end even after `stop`: a drill that gave up on
        # a write could not say whether it was stored.
        deadline = time.monotonic() + 180
        if self.random.random() < self.hang_up_share:
            # The first try's answer is never read: only the key can tell the retry what happened.
            self.client.send_and_hang_up("POST", "/v1/letters", body, {"Idempotency-Key": key})
            with self.ledger.lock:
                self.ledger.hung_up += 1
            time.sleep(self.random.uniform(0, 0.3))
        while time.monotonic() < deadline:
            try:
                answer = self.client.request("POST", "/v1/letters", body, {"Idempotency-Key": key})
            except (OSError, http.client.HTTPException):
                with self.ledger.lock:
                    self.ledger.connection_errors += 1
                time.sleep(0.2)
                continue
            self.ledger.note(answer.status)
            if answer.status == 201:
                with self.ledger.lock:
                    self.ledger.acknowledged.append((subject, answer.json()["ref"], time.monotonic()))
                    if answer.header("idempotent-replayed") == "true":
                        self.ledger.replayed += 1
                return
            if answer.status == 503:
                retry_after = answer.header("retry-after")
                if retry_after is None or not retry_after.isdigit():
                    with self.ledger.lock:
                        self.ledger.unavailable_without_retry_after += 1
                    time.sleep(1)
                else:
                    time.sleep(int(retry_after))
                continue
            if answer.status == 409 and "being used by another request" in answer.body:
                time.sleep(0.2)   # the first try of this key is still running on the server
                continue
            with self.ledger.lock:
                self.ledger.unexpected.append(f"{answer.status} for {subject}: {answer.body[:300]}")
            return
        with self.ledger.lock:
            self.ledger.unexpected.append(f"no 201 within 180 s for {subject}")


class Probe(threading.Thread):
    """Reads a listing every 100 ms, ignoring Retry-After, to time the service's recovery."""

    def __init__(self, port, token):
        super().__init__(daemon=True)
        self.client = Client(port, token, timeout=10)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.answers = []   # (monotonic time, status or None for a connection error, Retry-After)

    def run(self):
        while not self.stop.is_set():
            moment = time.monotonic()
            try:
                answer = self.client.request("GET", "/v1/letters?limit=1")
                entry = (moment, answer.status, answer.header("retry-after"))
            except (OSError, http.client.HTTPException):
                entry = (moment, None, None)
            with self.lock:
                self.answers.append(entry)
            time.sleep(0.1)
        self.client.close()

    def first_success_after(self, moment):
        with self.lock:
            times = [t for t, status, _ in self.answers if t >= moment and status == 200]
        return min(times) if times else None


def account(cluster, database, ledger):
    """Compares what the ledger says was acknowledged with what the database holds."""
    rows = cluster.sql(database, "SELECT subject, ref FROM letter WHERE subject LIKE 'drill letter %'")
    stored = {}
    for subject, ref in rows:
        stored.setdefault(subject, []).append(ref)
    acknowledged = {subject: ref for subject, ref, _ in ledger.acknowledged}
    lost = [s for s in acknowledged if s not in stored]
    duplicated = [s for s, refs in stored.items() if len(refs) > 1]
    wrong_ref = [s for s, ref in acknowledged.items() if s in stored and stored[s] != [ref]]
    unacknowledged = [s for s in stored if s not in acknowledged]
    return {
        "writes_acknowledged": len(acknowledged),
        "first_tries_hung_up": ledger.hung_up,
        "acknowledged_by_replay": ledger.replayed,
        "letters_stored": sum(len(r) for r in stored.values()),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "acknowledged_with_another_ref": len(wrong_ref),
        "stored_but_never_acknowledged": len(unacknowledged),
        "connection_errors_retried": ledger.connection_errors,
        "answers": dict(sorted(ledger.status_counts.items())),
        "unexpected_answers": ledger.unexpected[:5],
    }


def accounting_failures(figures):
    failures = []
    for key in ("lost", "duplicated", "acknowledged_with_another_ref", "stored_but_never_acknowledged"):
        if figures[key]:
            failures.append(f"{figures[key]} letters {key.replace('_', ' ')}")
    if figures["unexpected_answers"]:
        failures.append("answers no retry covers: " + " | ".join(figures["unexpected_answers"]))
    return failures


def service_failures(figures, acknowledged_before, event):
    """What a drill that disturbs the database under write load must not see: the service gone,
    or no write acknowledged after `event`."""
    failures = []
    if figures["service_restarted"]:
        failures.append("the service process died")
    if figures["writes_acknowledged"] <= acknowledged_before:
        failures.append(f"no write was acknowledged after {event}")
    return failures
