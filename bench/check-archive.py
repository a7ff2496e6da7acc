#!/usr/bin/env python3
"""Checks a Chancery dataset (JSON Lines v1) the way an importer would see it, without a database:
every line is JSON, the header comes first, every actor name, ISO code, alias and reference is
defined before it is used, names and aliases are unambiguous (case-insensitively), references are
unique and well-formed, and each letter names an actor at most once per role.

usage: check-archive.py FILE [--reference-csv DIR]

With --reference-csv, also compares row counts of the reference CSVs with what the records imply.
"""
import json
import re
import sys

REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,99}$")
EDTF = re.compile(r"^(\.\.|[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?)?(/(\.\.|[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?)?)?$")
FIELDS = {
    "actor": {"type", "kind", "name", "aliases", "iso", "wikidata", "note"},
    "membership": {"type", "member", "organization", "period"},
    "role": {"type", "holder", "title", "of", "period"},
    "event": {"type", "ref", "name", "kind", "status", "host", "city", "country", "geonamesId", "date", "cameoCode",
              "summary", "participants", "sources"},
    "letter": {"type", "ref", "kind", "from", "to", "cc", "via", "date", "received", "subject", "summary", "text", "language",
               "classification", "sentPlace", "receivedPlace", "replyTo", "encloses", "forwards", "refersTo", "events",
               "sources", "awaitingReply"},
    "invitation": {"type", "ref", "from", "invitees", "event", "letter", "date", "replyBy", "summary", "sources"},
    "response": {"type", "invitation", "invitee", "status", "letter", "date", "note"},
}
PARTICIPANT = {"name", "capacity", "onBehalfOf"}
SOURCE = {"kind", "title", "url", "publisher", "published", "excerpt", "quote"}


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path = args[0]
    csv_dir = args[args.index("--reference-csv") + 1] if "--reference-csv" in args else None
    names = {}        # lower(name or alias) -> actor index
    kinds = []
    iso = {}
    letters, events, invitations = {}, set(), {}
    urls = set()
    errors = []
    counts = dict(actor=0, alias=0, membership=0, role=0, event=0, event_participant=0, letter=0, participant=0, link=0,
                  letter_event=0, invitation=0, invitee=0, response=0, source=0)
    answered = set()

    def err(line, message):
        errors.append(f"{path}:{line}: {message}")
        if len(errors) > 50:
            print("\n".join(errors), file=sys.stderr)
            sys.exit(1)

    def actor(line, name, field, want=None):
        if len(name) == 2 and name.isupper() and name in iso:
            index = iso[name]
        elif name.lower() in names:
            index = names[name.lower()]
        else:
            err(line, f"{field}: '{name}' is not defined before use")
            return None
        if want and kinds[index] not in want:
            err(line, f"{field}: '{name}' is a {kinds[index]}, not {want}")
        return index

    def claim(line, name, index):
        key = name.lower()
        if key in names and names[key] != index:
            err(line, f"name or alias '{name}' is used by two actors")
        names[key] = index

    def edtf(line, value, field):
        if not isinstance(value, str) or not EDTF.match(value) or value in ("", "/", "../..", "/..", "../"):
            err(line, f"{field}: bad EDTF '{value}'")

    def sources(line, record):
        for s in record.get("sources", []):
            if set(s) - SOURCE:
                err(line, f"unknown source fields {set(s) - SOURCE}")
            if "url" in s:
                if s["url"] in urls:
                    err(line, f"source url repeated: {s['url']}")
                urls.add(s["url"])
            counts["source"] += 1

    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, 1):
            try:
                record = json.loads(text)
            except ValueError as e:
                err(number, f"not JSON: {e}")
                continue
            kind = record.get("type")
            if number == 1:
                if kind != "chancery-dataset" or record.get("version") != 1:
                    err(number, "first line must be the chancery-dataset v1 header")
                continue
            if kind not in FIELDS:
                err(number, f"unknown type {kind}")
                continue
            extra = set(record) - FIELDS[kind]
            if extra:
                err(number, f"undocumented fields {extra}")
            if kind == "actor":
                index = len(kinds)
                kinds.append(record["kind"])
                claim(number, record["name"], index)
                for alias in record.get("aliases", []):
                    claim(number, alias, index)
                    counts["alias"] += 1
                if "iso" in record:
                    iso[record["iso"]] = index
                counts["actor"] += 1
            elif kind == "membership":
                actor(number, record["member"], "member")
                actor(number, record["organization"], "organization", {"organization"})
                if "period" in record:
                    edtf(number, record["period"], "period")
                counts["membership"] += 1
            elif kind == "role":
                actor(number, record["holder"], "holder")
                actor(number, record["of"], "of", {"state", "organization"})
                edtf(number, record["period"], "period")
                counts["role"] += 1
            elif kind == "event":
                if not REF.match(record["ref"]) or record["ref"] in events:
                    err(number, f"bad or repeated event ref {record['ref']}")
                events.add(record["ref"])
                actor(number, record["host"], "host")
                seen = set()
                for p in record.get("participants", []):
                    seen.add(actor(number, p, "participants"))
                counts["event_participant"] += len(seen)
                edtf(number, record["date"], "date")
                sources(number, record)
                counts["event"] += 1
            elif kind == "letter":
                ref = record["ref"]
                if not REF.match(ref) or ref in letters:
                    err(number, f"bad or repeated letter ref {ref}")
                letters[ref] = number
                edtf(number, record["date"], "date")
                for role in ("from", "to", "cc", "via"):
                    seen = set()
                    for p in record.get(role, []):
                        if set(p) - PARTICIPANT:
                            err(number, f"unknown participant fields {set(p) - PARTICIPANT}")
                        index = actor(number, p["name"], role)
                        if index in seen:
                            err(number, f"{role}: {p['name']} named twice")
                        seen.add(index)
                        if "onBehalfOf" in p:
                            actor(number, p["onBehalfOf"], role + ".onBehalfOf", {"state", "organization"})
                        counts["participant"] += 1
                if not record.get("from") or not record.get("to"):
                    err(number, "a letter needs from and to")
                for link in ("replyTo", "encloses", "forwards", "refersTo"):
                    for target in record.get(link, []):
                        if target not in letters:
                            err(number, f"{link}: letter {target} not defined before use")
                        counts["link"] += 1
                for e in record.get("events", []):
                    if e not in events:
                        err(number, f"events: {e} not defined before use")
                    counts["letter_event"] += 1
                if len(record["subject"]) > 300:
                    err(number, "subject longer than 300 characters")
                sources(number, record)
                counts["letter"] += 1
            elif kind == "invitation":
                ref = record["ref"]
                if not REF.match(ref) or ref in invitations:
                    err(number, f"bad or repeated invitation ref {ref}")
                actor(number, record["from"]["name"], "from")
                invitees = set()
                for name in record["invitees"]:
                    index = actor(number, name, "invitees")
                    if index in invitees:
                        err(number, f"invitee {name} named twice")
                    invitees.add(index)
                invitations[ref] = invitees
                if record.get("event") and record["event"] not in events:
                    err(number, f"event {record['event']} not defined before use")
                if record.get("letter") and record["letter"] not in letters:
                    err(number, f"letter {record['letter']} not defined before use")
                edtf(number, record["date"], "date")
                counts["invitation"] += 1
                counts["invitee"] += len(invitees)
            elif kind == "response":
                if record["invitation"] not in invitations:
                    err(number, f"invitation {record['invitation']} not defined before use")
                    continue
                index = actor(number, record["invitee"], "invitee")
                if index not in invitations[record["invitation"]]:
                    err(number, f"{record['invitee']} is not an invitee of {record['invitation']}")
                if (record["invitation"], index) in answered:
                    err(number, "second response from the same invitee")
                answered.add((record["invitation"], index))
                if record.get("letter") and record["letter"] not in letters:
                    err(number, f"letter {record['letter']} not defined before use")
                edtf(number, record["date"], "date")
                counts["response"] += 1

    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    print("ok: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    if csv_dir:
        def rows(table):
            with open(f"{csv_dir}/{table}.csv", encoding="utf-8") as f:
                import csv
                return sum(1 for _ in csv.reader(f))
        expected = dict(actor=counts["actor"], actor_alias=counts["alias"], membership=counts["membership"],
                        role_held=counts["role"], event=counts["event"], event_participant=counts["event_participant"],
                        letter=counts["letter"], letter_participant=counts["participant"], letter_link=counts["link"],
                        letter_event=counts["letter_event"], invitation=counts["invitation"],
                        invitation_invitee=counts["invitee"], source=counts["source"], citation=counts["source"])
        bad = [f"{t}: csv {rows(t)} rows, records imply {n}" for t, n in expected.items() if rows(t) != n]
        if bad:
            print("\n".join(bad), file=sys.stderr)
            sys.exit(1)
        print("reference CSV row counts match the records")


if __name__ == "__main__":
    main()
