#!/usr/bin/env python3
"""Adds the curation endpoints of issue 13 to docs/openapi.json (restore a letter, change and
merge actors), keeping the document's own formatting (json.dumps, indent 2). Running it again
changes nothing."""
import json
import pathlib

path = pathlib.Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
doc = json.loads(path.read_text())
paths, schemas = doc["paths"], doc["components"]["schemas"]

def responses(ok_code, ok, *codes):
    out = {ok_code: ok}
    names = {"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound", "409": "Conflict",
             "412": "PreconditionFailed", "413": "ContentTooLarge", "415": "UnsupportedMediaType",
             "422": "UnprocessableContent", "428": "PreconditionRequired", "500": "InternalError", "503": "ServiceUnavailable"}
    for code in codes:
        out[code] = {"$ref": "#/components/responses/" + names[code]}
    return out

name_parameter = {
    "name": "name", "in": "path", "required": True,
    "description": "An actor's name, alias, ISO code (`KH`) or Wikidata id (`Q424`); percent-encode spaces and non-ASCII letters.",
    "schema": {"type": "string"}, "example": "Jo Biden",
}
headers = {"X-Request-ID": {"$ref": "#/components/headers/X-Request-ID"}}

def insert_after(mapping, after, key, value):
    items = list(mapping.items())
    mapping.clear()
    for k, v in items:
        if k == key:
            continue
        mapping[k] = v
        if k == after:
            mapping[key] = value
    if key not in mapping:
        mapping[key] = value

restore = {"post": {
    "operationId": "restoreLetter", "tags": ["Letters"], "summary": "Restore a deleted letter",
    "description": "Brings a deleted letter back: it returns to every listing, search, report, thread and export with its reference, links and history. A letter that is not deleted is a 409. `If-Match` is honoured when sent (the revision the letter's history shows last). Answers with the letter and its new ETag.\n\nNeeds a token with the editor role.",
    "x-access-role": "editor",
    "parameters": [{"$ref": "#/components/parameters/ref"}, {"$ref": "#/components/parameters/IfMatchOptional"}],
    "responses": responses("200", {
        "description": "The letter, restored.",
        "headers": dict(headers, ETag={"$ref": "#/components/headers/ETag"}),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LetterDetail"}}},
    }, "400", "401", "403", "404", "409", "412", "413", "415", "422", "500", "503"),
}}
insert_after(paths, "/v1/letters/{ref}/history", "/v1/letters/{ref}/restore", restore)

actor_path = paths["/v1/actors/{name}"]
actor_path["patch"] = {
    "operationId": "updateActor", "tags": ["Actors"], "summary": "Change an actor",
    "description": "Changes an actor with a JSON merge patch (RFC 7396): its name, authority ids, existence period (states), note and other names. Renaming keeps the old name as an alias unless `dropOldName`. An id another actor holds, or a name another actor of the kind bears, is a 409 naming that actor (merge them instead). The kind never changes. Nothing is written when any change is refused.\n\nNeeds a token with the editor role.",
    "x-access-role": "editor",
    "parameters": [name_parameter, {"$ref": "#/components/parameters/IdempotencyKey"}],
    "requestBody": {"required": True, "description": "The changes.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActorPatch"}}}},
    "responses": responses("200", {
        "description": "The actor as changed.", "headers": headers,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActorProfile"}}},
    }, "400", "401", "403", "404", "409", "413", "415", "422", "500", "503"),
}
merge = {"post": {
    "operationId": "mergeActor", "tags": ["Actors"], "summary": "Merge a duplicate actor into another",
    "description": "Merges the actor the path names (the duplicate, which ceases to exist) into the one `into` names, in one transaction recorded in the history: every letter participation, role, membership, event, invitation, citation, alias and authority id moves to the kept actor, and the duplicate's name becomes one of its aliases. Two different ids of one authority, actors of different kinds, or an actor merged into itself (again) are refused (409 or 422).\n\nNeeds a token with the editor role.",
    "x-access-role": "editor",
    "parameters": [name_parameter, {"$ref": "#/components/parameters/IdempotencyKey"}],
    "requestBody": {"required": True, "description": "The actor kept.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActorMerge"}}}},
    "responses": responses("200", {
        "description": "What moved, and the kept actor as it now is.", "headers": headers,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ActorMergeReport"}}},
    }, "400", "401", "403", "404", "409", "413", "415", "422", "500", "503"),
}}
insert_after(paths, "/v1/actors/{name}", "/v1/actors/{name}/merge", merge)

nullable_text = lambda description, max_length: {"type": ["string", "null"], "description": description, "maxLength": max_length}
schemas["ActorPatch"] = {
    "type": "object",
    "description": "A JSON merge patch (RFC 7396) of an actor: a field left out stays, `null` clears it, a value replaces it. Any other field is a 400; an empty patch is a 422.",
    "properties": {
        "name": {"type": "string", "description": "A new display name; the old one stays as an alias unless `dropOldName`.", "maxLength": 200},
        "dropOldName": {"type": "boolean", "description": "With `name`: forget the old name instead of keeping it as an alias."},
        "isoCode": nullable_text("ISO 3166-1 alpha-2 code (states only).", 2),
        "wikidataId": nullable_text("Wikidata id (`Q6279`).", 13),
        "viafId": nullable_text("VIAF id.", 22),
        "gndId": nullable_text("GND id.", 15),
        "existed": nullable_text("When the state existed, EDTF (states only).", 100),
        "note": nullable_text("A short note.", 2000),
        "addAliases": {"type": "array", "items": {"type": "string", "maxLength": 200}, "description": "Other names to add."},
        "removeAliases": {"type": "array", "items": {"type": "string"}, "description": "Other names to remove; one the actor lacks is a 404."},
    },
    "examples": [{"name": "Joe Biden", "viafId": "59894734"}],
    "additionalProperties": False,
}
schemas["ActorMerge"] = {
    "type": "object", "description": "The actor a duplicate merges into.",
    "properties": {"into": {"type": "string", "description": "The actor kept: name, alias, ISO code or Wikidata id."}},
    "required": ["into"], "examples": [{"into": "Joe Biden"}], "additionalProperties": False,
}
count = lambda description: {"type": "integer", "minimum": 0, "description": description}
schemas["ActorMergeReport"] = {
    "type": "object", "description": "What a merge moved to the kept actor.",
    "properties": {
        "merged": {"type": "string", "description": "The duplicate's name, now an alias of the kept actor."},
        "kept": {"$ref": "#/components/schemas/ActorProfile"},
        "participations": count("Letter participations moved (as participant, or as the state or organization acted for)."),
        "letters": count("Letters whose participants changed (each gets a new revision)."),
        "roles": count("Roles moved."),
        "memberships": count("Memberships moved."),
        "events": count("Event hosts and participants moved."),
        "invitations": count("Inviters, invitees and those they act for, moved."),
        "aliases": count("Other names moved, the duplicate's own name included."),
        "citations": count("Source citations moved."),
        "combined": count("Rows both actors had (one letter, one role): the kept actor's stays."),
        "fieldsTaken": {"type": "array", "items": {"type": "string"}, "description": "Ids, note or existence period taken over from the duplicate."},
    },
    "required": ["merged", "kept", "participations", "letters", "roles", "memberships", "events", "invitations",
                 "aliases", "citations", "combined", "fieldsTaken"],
    "additionalProperties": False,
}
for key in ["ActorMerge", "ActorMergeReport", "ActorPatch"]:
    insert_after(schemas, "ActorListing", key, schemas.pop(key))

path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
