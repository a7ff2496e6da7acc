#!/usr/bin/env bash
# Builds the fuzzers' seed corpora under Fuzz/corpus/<target>/ from the repository's fixtures and
# the founding example (and from ../shared/fixtures when that folder exists): small, valid inputs
# of every shape, which libFuzzer then mutates. Files named regression-* (inputs that once crashed
# a target) are kept; everything else is regenerated. Run it after fixtures change.
set -euo pipefail
cd "$(dirname "$0")/../.."

python3 - <<'PY'
import glob, os, re

corpus = "Fuzz/corpus"
shared = "../shared/fixtures"

def reset(target):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if not name.startswith("regression-"):
            os.remove(os.path.join(folder, name))
    return folder

def write(folder, name, text):
    with open(os.path.join(folder, name), "wb") as out:
        out.write(text.encode("utf-8") if isinstance(text, str) else text)

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()

# EDTF: every expression-like string literal of the EDTF tests and the support document.
edtf = reset("edtf")
expression = re.compile(r'^[0-9XSuY?~%\[\]{},./:TZ+\-]{1,40}$')
found = set()
for path in glob.glob("Tests/EDTFTests/**/*.swift", recursive=True) + glob.glob("Tests/ChanceryModelTests/*.swift"):
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', read(path)):
        if expression.match(literal) and re.search(r'[0-9X]', literal):
            found.add(literal)
for literal in re.findall(r'`([^`\n]{1,40})`', read("docs/edtf-support.md")):
    if expression.match(literal) and re.search(r'[0-9X]', literal):
        found.add(literal)
for index, literal in enumerate(sorted(found)):
    write(edtf, "seed-%03d" % index, literal)

# CMIF/TEI: the CMIF examples, and the real edition cut into documents of a few letters each.
cmif = reset("cmif")
for path in sorted(glob.glob("Tests/ChanceryInterchangeTests/Fixtures/cmif/*.xml")):
    write(cmif, "fixture-" + os.path.basename(path), read(path))
edition = os.path.join(shared, "real/spener/letters.xml")
if os.path.exists(edition):
    text = read(edition)
    letters = re.findall(r'[ \t]*<correspDesc\b.*?</correspDesc>\n', text, re.S)
    opening = text[:text.index(letters[0])]
    closing = text[text.rindex("</correspDesc>") + len("</correspDesc>\n"):]
    for index, start in enumerate(range(0, 60, 4)):
        write(cmif, "spener-%02d.xml" % index, opening + "".join(letters[start:start + 4]) + closing)

# CSV: the real edition's CSV2CMI columns in small slices, and the documented Chancery columns.
csv = reset("csv")
table = os.path.join(shared, "real/spener/letters.csv")
if os.path.exists(table):
    rows = read(table).splitlines(keepends=True)
    for index, start in enumerate(range(1, 121, 8)):
        write(csv, "spener-%02d.csv" % index, rows[0] + "".join(rows[start:start + 8]))
for index, block in enumerate(re.findall(r'```csv\n(.*?)```', read("docs/interchange-csv.md"), re.S)):
    write(csv, "documented-%02d.csv" % index, block)
    write(csv, "documented-%02d-semicolon.csv" % index, block.replace(",", ";"))

# JSON Lines: the founding example whole, and each record type alone under the header.
jsonl = reset("jsonl")
founding = read("Data/founding-example.jsonl")
write(jsonl, "founding-example.jsonl", founding)
lines = founding.splitlines()
header, records = lines[0], lines[1:]
seen = {}
for line in records:
    kind = re.search(r'"type"\s*:\s*"([^"]+)"', line)
    kind = kind.group(1) if kind else "other"
    seen[kind] = seen.get(kind, 0) + 1
    if seen[kind] <= 3:
        write(jsonl, "%s-%d.jsonl" % (kind, seen[kind]), header + "\n" + line + "\n")

# HTTP JSON bodies: the founding example's records as request bodies, each behind the byte that
# picks the body type in fuzz-http-json (see BodyKind there).
bodies = reset("http-json")
for index, line in enumerate(records[:40]):
    write(bodies, "record-%02d.json" % index, bytes([index % 32]) + line.encode("utf-8"))

# HTTP query strings: the letter list's filters and the other endpoints' parameters.
query = reset("http-query")
for index, text in enumerate([
    "country=KH&since=1954&until=2022-05~",
    "between=US,KH&kind=letter&limit=20",
    "org=ASEAN&members=true&text=border+dispute",
    "person=Hun+Sen&strict=1&cursor=MDpmb28",
    "from-country=FR&to-country=KH&since=1953-11-09/1954-07-21",
    "group-by=year&since=19XX&until=..",
    "format=cmif&dry-run=yes&skip-invalid=no",
    "kind=%E2%9C%93&text=%2B%25%26",
]):
    write(query, "query-%02d" % index, text)
PY
for folder in Fuzz/corpus/*/; do echo "$(basename "$folder"): $(ls "$folder" | wc -l) seeds, $(du -sk "$folder" | cut -f1) KiB"; done
