#!/usr/bin/env bash
# Builds the fuzzers' seed corpora under Fuzz/corpus/<target>/ from the repository's fixtures and
# the founding example (and from ../shared/fixtures when that folder exists): small, valid inputs
# of every shape, which libFuzzer then mutates. Files named regression-* (inputs that once crashed
# a target) are kept; everything else is regenerated. Run it after fixtures change.
set -euo pipefail
cd "$(dirname "$0")/../.."

python3 - <<'PY'
import glob, json, os, re, urllib.parse

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

# HTTP JSON bodies: real request bodies, each behind the byte that picks its endpoint in
# fuzz-http-json. BODY_KINDS lists the endpoints in the order of bodyKinds there; keep them alike.
BODY_KINDS = [
    ("POST", "/v1/letters"), ("PATCH", "/v1/letters/{ref}"), ("POST", "/v1/events"), ("PATCH", "/v1/events/{ref}"),
    ("POST", "/v1/actors"), ("PATCH", "/v1/actors/{name}"), ("POST", "/v1/actors/{name}/merge"),
    ("POST", "/v1/actors/{name}/aliases"), ("POST", "/v1/roles"), ("PATCH", "/v1/roles/{id}"), ("POST", "/v1/roles/{id}/end"),
    ("POST", "/v1/memberships"), ("PATCH", "/v1/memberships/{id}"), ("POST", "/v1/memberships/{id}/end"),
    ("POST", "/v1/letters/{ref}/participants"), ("POST", "/v1/letters/{ref}/links"), ("POST", "/v1/letters/{ref}/sources"),
    ("POST", "/v1/invitations"), ("PATCH", "/v1/invitations/{ref}"), ("POST", "/v1/invitations/{ref}/responses"),
    ("POST", "/v1/tokens"),
]
document = json.loads(read("docs/openapi.json"))

def resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node

def example_of(schema, depth=0):
    """A value the schema allows, from its examples where it has them."""
    schema = resolve(schema)
    if "example" in schema: return schema["example"]
    if schema.get("examples"): return schema["examples"][0]
    if "enum" in schema: return schema["enum"][0]
    if "const" in schema: return schema["const"]
    for key in ("oneOf", "anyOf", "allOf"):
        if schema.get(key): return example_of(schema[key][0], depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list): kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" and depth < 3:
        return {name: example_of(value, depth + 1) for name, value in schema.get("properties", {}).items()}
    if kind == "array" and depth < 3: return [example_of(schema.get("items", {}), depth + 1)]
    return {"string": "1954", "integer": 1, "number": 1, "boolean": True}.get(kind)

def request_schemas():
    """Per body kind: its schema and the documented examples of its JSON body."""
    found = {}
    for index, (method, path) in enumerate(BODY_KINDS):
        body = resolve(document["paths"][path][method.lower()]["requestBody"])
        for media in ("application/json", "application/merge-patch+json"):
            content = body.get("content", {}).get(media)
            if content is None: continue
            schema = resolve(content.get("schema", {}))
            examples = [resolve(example).get("value") for example in content.get("examples", {}).values()]
            if "example" in content: examples.append(content["example"])
            found.setdefault(index, (schema, []))[1].extend(example for example in examples if example is not None)
    return found

bodies = reset("http-json")
def write_body(index, name, value):
    write(bodies, name, bytes([index]) + json.dumps(value, ensure_ascii=False).encode("utf-8"))

schemas = request_schemas()
for index, (schema, examples) in sorted(schemas.items()):
    kind = BODY_KINDS[index][1].strip("/").replace("/", "-").replace("{", "").replace("}", "")
    tag = "%s-%s" % (BODY_KINDS[index][0].lower(), kind)
    for number, example in enumerate(examples):
        write_body(index, "example-%s-%d.json" % (tag, number), example)
    # Every documented field with its example value, and only the required ones.
    whole = example_of(schema)
    write_body(index, "schema-%s.json" % tag, whole)
    required = set(schema.get("required", []))
    if isinstance(whole, dict) and required:
        write_body(index, "schema-%s-required.json" % tag, {k: v for k, v in whole.items() if k in required})
# The JSON objects the HTTP tests send, each to every endpoint that takes all its fields.
fields = {index: set(schema.get("properties", {})) for index, (schema, _) in schemas.items()}
sent = set()
for path in sorted(glob.glob("Tests/ChanceryHTTPTests/**/*.swift", recursive=True)):
    for literal in re.findall(r'#"(\{.*?\})"#', read(path)):
        try:
            value = json.loads(literal)
        except ValueError:
            continue
        if isinstance(value, dict) and value and literal not in sent:
            sent.add(literal)
            for index in sorted(fields):
                if set(value) <= fields[index]:
                    write_body(index, "test-%03d-%02d.json" % (len(sent), index), value)

# HTTP query strings as clients send them: the documented parameters of each GET endpoint
# together (and each alone), the queries of the HTTP and web tests, the templates' links.
query = reset("http-query")
queries = set()
for path, item in document["paths"].items():
    for method, operation in item.items():
        if not isinstance(operation, dict): continue
        pairs = []
        for parameter in operation.get("parameters", []):
            parameter = resolve(parameter)
            if parameter.get("in") != "query": continue
            value = parameter.get("example", example_of(parameter.get("schema", {})))
            value = "true" if value is True else "false" if value is False else str(value if value is not None else "")
            pairs.append((parameter["name"], value))
        for name, value in pairs:
            queries.add(urllib.parse.urlencode([(name, value)]))
        if pairs:
            queries.add(urllib.parse.urlencode(pairs))
for path in sorted(glob.glob("Tests/ChanceryHTTPTests/**/*.swift", recursive=True)):
    for literal in re.findall(r'"(/[^"\s]*\?[^"\s]*)"', read(path)):
        queries.add(literal.split("?", 1)[1].split("#", 1)[0])
for path in sorted(glob.glob("Sources/ChanceryWeb/Templates/*.mustache")):
    for link in re.findall(r'href="[^"?]*\?([^"#]*)', read(path)):
        queries.add(link)
for index, text in enumerate(sorted(queries)):
    write(query, "query-%03d" % index, text)
PY
for folder in Fuzz/corpus/*/; do echo "$(basename "$folder"): $(ls "$folder" | wc -l) seeds, $(du -sk "$folder" | cut -f1) KiB"; done
