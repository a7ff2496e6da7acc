"""Drill 4: concurrent editors. Many clients change one letter with the same ETag: exactly one
wins, the rest are told 412, and the history records one change. And a duplicate actor merged
away (through the API and the CLI at once) while letters naming it are being logged through both:
no letter loses a participant, and the second merge is told the first one did it."""

import threading
import time
import urllib.parse
import uuid

from . import writers
from .api_service import APIUnderTest
from .http import Answer, Client


def same_etag_patches(port, token, editors):
    client = Client(port, token)
    created = client.request("POST", "/v1/letters", {"from": [{"name": writers.SENDER}], "to": [{"name": writers.RECIPIENT}],
                                                    "date": "2024-06", "subject": "drill: one letter, many editors"})
    if created.status != 201:
        raise RuntimeError(f"creating the letter: {created}")
    ref = created.json()["ref"]
    path = "/v1/letters/" + urllib.parse.quote(ref)
    etag = client.request("GET", path).header("etag")
    history_before = len(client.request("GET", path + "/history").json()["items"])

    statuses, lock = [], threading.Lock()
    start = threading.Barrier(editors)

    def edit(number):
        own = Client(port, token)
        own.request("GET", "/healthz")  # connected before the barrier, so all PATCHes leave together
        start.wait()
        answer = own.request("PATCH", path, {"summary": f"summary by editor {number}"},
                             {"If-Match": etag, "Content-Type": "application/merge-patch+json"})
        with lock:
            statuses.append(answer.status)
        own.close()

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    history = client.request("GET", path + "/history").json()["items"]
    client.close()
    new_entries = history[history_before:]
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    result = {"editors": editors, "patch_answers": counts, "history_entries_added": len(new_entries)}
    failures = []
    if counts.get(200) != 1 or counts.get(412) != editors - 1:
        failures.append(f"{editors} PATCHes with one ETag were answered {counts}; expected one 200 and {editors - 1} 412")
    if len(new_entries) != 1:
        failures.append(f"the history gained {len(new_entries)} entries, expected 1")
    return result, failures


def merge_while_logging(port, token, chancery, cluster, database, rounds, letters_per_round):
    """Each round: a fresh duplicate pair, writers logging letters from the duplicate, and the
    duplicate merged into its twin in the middle of it."""
    failures = []
    figures = {"merge_rounds": rounds, "letters_logged_during_merges": 0, "letter_errors": {}, "merge_answers": {}}
    for round_number in range(rounds):
        client = Client(port, token)
        tag = uuid.uuid4().hex[:6]
        duplicate, kept = f"Drill Dup {tag}", f"Drill Keep {tag}"
        for name in (duplicate, kept):
            if client.request("POST", "/v1/actors", {"kind": "person", "name": name}).status != 201:
                raise RuntimeError(f"creating {name}")
        acknowledged, errors, lock = [], [], threading.Lock()
        go = threading.Event()

        def log_letters(worker):
            own = Client(port, token)
            go.wait()
            for n in range(letters_per_round):
                subject = f"drill merge {tag} {worker}-{n}"
                body = {"from": [{"name": duplicate}], "to": [{"name": writers.RECIPIENT}], "date": "2024-07",
                        "subject": subject}
                answer = own.request("POST", "/v1/letters", body, {"Idempotency-Key": str(uuid.uuid4())})
                with lock:
                    if answer.status == 201:
                        acknowledged.append(subject)
                    else:
                        errors.append(f"{answer.status}: {answer.body[:200]}")
            own.close()

        def log_letters_through_cli(worker):
            go.wait()
            for n in range(letters_per_round // 2):
                subject = f"drill merge {tag} cli{worker}-{n}"
                done = chancery.run("letter", "add", "--from", duplicate, "--to", writers.RECIPIENT, "--date", "2024-07",
                                    "--subject", subject, check=False)
                with lock:
                    if done.returncode == 0:
                        acknowledged.append(subject)
                    else:
                        errors.append(f"exit {done.returncode}: {done.stderr.strip()[:200]}")

        workers = [threading.Thread(target=log_letters, args=(w,)) for w in range(3)]
        workers.append(threading.Thread(target=log_letters_through_cli, args=(0,)))
        for worker in workers:
            worker.start()
        go.set()
        time.sleep(0.05 * (round_number % 4))
        # Two curators merge the same duplicate at once: one merges, the other is told it is done.
        merges = []

        def merge_through_api():
            own = Client(port, token)
            answer = own.request("POST", f"/v1/actors/{urllib.parse.quote(duplicate)}/merge", {"into": kept})
            with lock:
                merges.append(answer)
            own.close()

        def merge_through_cli():
            done = chancery.run("actor", "merge", duplicate, "--into", kept, check=False)
            # The CLI's conflict exit code (see `chancery --help`) stands for the API's 409.
            status = 200 if done.returncode == 0 else 409 if "already" in done.stderr else 500 + done.returncode
            with lock:
                merges.append(Answer(status, {}, done.stderr.strip()))
        mergers = [threading.Thread(target=merge_through_api), threading.Thread(target=merge_through_cli)]
        for merger in mergers:
            merger.start()
        for merger in mergers + workers:
            merger.join(120)
        client.close()
        for answer in merges:
            figures["merge_answers"][answer.status] = figures["merge_answers"].get(answer.status, 0) + 1
        merge_statuses = sorted(a.status for a in merges)
        figures["letters_logged_during_merges"] += len(acknowledged)
        for error in errors:
            key = error.split(":", 1)[0]
            figures["letter_errors"][key] = figures["letter_errors"].get(key, 0) + 1
        if merge_statuses != [200, 409]:
            failures.append(f"round {round_number}: two merges of one duplicate were answered {merges}; "
                            "expected one 200 and one 409")
        if errors:
            failures.append(f"round {round_number}: {len(errors)} letters naming the merged actor failed, e.g. {errors[0]}")
        # Every acknowledged letter has its sender, and that sender is the actor kept.
        rows = cluster.sql(database, f"""
            SELECT l.subject, coalesce(string_agg(a.name, ','), '') FROM letter l
            LEFT JOIN letter_participant p ON p.letter_id = l.id AND p.role = 'author'
            LEFT JOIN actor a ON a.id = p.actor_id
            WHERE l.subject LIKE 'drill merge {tag} %' GROUP BY l.subject""")
        senders = dict(rows)
        lost = [s for s in acknowledged if senders.get(s) != kept]
        if lost:
            failures.append(f"round {round_number}: {len(lost)} acknowledged letters lack {kept} as sender, "
                            f"e.g. {lost[0]} → {senders.get(lost[0])!r}")
    return figures, failures


def run(cluster, settings, editors, rounds):
    api = APIUnderTest(cluster, settings, "editors")
    try:
        writers.create_correspondents(api.port, api.token)
        result = {"name": "concurrent editors"}
        patched, patch_failures = same_etag_patches(api.port, api.token, editors)
        merged, merge_failures = merge_while_logging(api.port, api.token, api.chancery, cluster, "editors", rounds, 6)
        result.update(patched)
        result.update(merged)
        result["failures"] = patch_failures + merge_failures
        return result
    finally:
        api.stop()
