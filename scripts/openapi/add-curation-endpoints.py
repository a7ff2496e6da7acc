#!/usr/bin/env python3
"""Adds the curation endpoints of issue 13 to docs/openapi.json (restore a letter; change and
merge actors; change events, invitations and roles; end roles and memberships), keeping the document's own formatting (json.dumps, indent 2). Running it again
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
    }, "400", "401", "403", "404", "409", "412", "413", "415", "422", "428", "500", "503"),
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
        "removeAliases": {"type": "array", "items": {"type": "string"}, "description": "Other names to remove; one the actor lacks is a 422."},
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


def patch_operation(operation_id, tag, summary, description, parameter, schema, ok_description, ok_schema, extra=()):
    return {
        "operationId": operation_id, "tags": [tag], "summary": summary,
        "description": description + "\n\nNeeds a token with the editor role.",
        "x-access-role": "editor",
        "parameters": [parameter],
        "requestBody": {"required": True, "description": "The changes.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + schema}}}},
        "responses": responses("200", {
            "description": ok_description, "headers": headers,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/" + ok_schema}}},
        }, "400", "401", "403", "404", *extra, "413", "415", "422", "500", "503"),
    }

event_ref = {"name": "ref", "in": "path", "required": True, "description": "An event's reference, or its name.",
             "schema": {"type": "string"}, "example": "ASEAN-US-SUMMIT-2022"}
invitation_ref = {"name": "ref", "in": "path", "required": True, "description": "An invitation's reference.",
                  "schema": {"type": "string"}, "example": "INV-US-2022-001"}
role_id = {"name": "id", "in": "path", "required": True, "description": "A role's id, as `GET /v1/actors/{name}` lists it under `roles`.",
           "schema": {"type": "string", "pattern": "^[1-9][0-9]{0,17}$"}, "example": "2"}

paths["/v1/events/{ref}"]["patch"] = patch_operation(
    "updateEvent", "Events", "Change an event",
    "Changes an event with a JSON merge patch (RFC 7396): a field left out stays, `null` clears it. `addParticipants` and `removeParticipants` change who takes part. Values are checked as when an event is recorded; a `held` event keeps a date. Nothing is written when any change is refused.",
    event_ref, "EventPatch", "The event as changed.", "Event")
paths["/v1/invitations/{ref}"]["patch"] = patch_operation(
    "updateInvitation", "Invitations", "Change an invitation",
    "Changes an invitation with a JSON merge patch (RFC 7396): its date, the event and letter it belongs to, the inviter's capacity, the reply-by day, the summary; `addInvitees` invites others (pending), `removeInvitees` removes invitees with their answers. It keeps at least one invitee. Answers are recorded with `POST /v1/invitations/{ref}/responses`.",
    invitation_ref, "InvitationPatch", "The invitation as changed.", "Invitation")
insert_after(paths, "/v1/roles", "/v1/roles/{id}", {"patch": patch_operation(
    "updateRole", "Actors", "Change a role held",
    "Changes a role's title, the state or organization it is of, or its period (`null` makes it undated). Another role of the holder with the same title, of and period is a 409.",
    role_id, "RolePatch", "The role as changed.", "RoleHeld", extra=("409",))})
insert_after(paths, "/v1/roles/{id}", "/v1/roles/{id}/end", {"post": patch_operation(
    "endRole", "Actors", "Record the day a role ended",
    "The role's period becomes its start (open when it had none) to `on`. A role that already ended is a 409: change a recorded end with `PATCH /v1/roles/{id}`.",
    role_id, "RoleEnd", "The role, ended.", "RoleHeld", extra=("409",))})
membership_id = {"name": "id", "in": "path", "required": True,
                 "description": "A membership's id, as `GET /v1/actors/{name}` lists it under `memberships`.",
                 "schema": {"type": "string", "pattern": "^[1-9][0-9]{0,17}$"}, "example": "1"}
paths.pop("/v1/memberships/end", None)
insert_after(paths, "/v1/memberships", "/v1/memberships/{id}", {"patch": patch_operation(
    "updateMembership", "Actors", "Change a membership's period",
    "Sets a membership's whole period (EDTF), or makes it undated with `null`. Another membership of the pair over that period is a 409.",
    membership_id, "MembershipPatch", "The membership as changed.", "Membership", extra=("409",))})
insert_after(paths, "/v1/memberships/{id}", "/v1/memberships/{id}/end", {"post": patch_operation(
    "endMembership", "Actors", "Record the day a member left an organization",
    "The membership's period becomes its start (open when it had none) to `on`. One that has ended already is a 409: change a recorded end with `PATCH /v1/memberships/{id}`.",
    membership_id, "RoleEnd", "The membership, ended.", "Membership", extra=("409",))})

schemas["EventPatch"] = {
    "type": "object",
    "description": "A JSON merge patch (RFC 7396) of an event, fields named as in `POST /v1/events`. Any other field is a 400; an empty patch is a 422.",
    "properties": {
        "name": {"type": "string", "maxLength": 300, "description": "Its name; cannot be removed."},
        "kind": {"$ref": "#/components/schemas/EventKind"},
        "status": {"$ref": "#/components/schemas/EventStatus"},
        "host": {"type": ["string", "null"], "description": "Who hosts it (an actor)."},
        "city": nullable_text("The city.", 200),
        "country": {"type": ["string", "null"], "description": "The venue's country: ISO code or name."},
        "geonamesId": {"type": ["integer", "null"], "minimum": 1, "description": "GeoNames id of the place."},
        "date": {"type": ["string", "null"], "description": "When (EDTF); a held event keeps one."},
        "cameoCode": {"type": ["string", "null"], "pattern": "^[0-9]{2,4}$", "description": "CAMEO code."},
        "summary": nullable_text("A summary.", 5000),
        "addParticipants": {"type": "array", "items": {"type": "string"}, "description": "Actors who take part too."},
        "removeParticipants": {"type": "array", "items": {"type": "string"}, "description": "Participants to remove; one not taking part is a 422."},
    },
    "examples": [{"status": "held", "date": "2022-05-12/2022-05-13", "addParticipants": ["Indonesia"]}],
    "additionalProperties": False,
}
schemas["InvitationPatch"] = {
    "type": "object",
    "description": "A JSON merge patch (RFC 7396) of an invitation. Any other field is a 400; an empty patch is a 422.",
    "properties": {
        "capacity": nullable_text("The capacity the inviter invites in.", 200),
        "event": {"type": ["string", "null"], "description": "The event it invites to (reference or name)."},
        "letter": {"type": ["string", "null"], "description": "The letter extending it (reference)."},
        "date": {"type": "string", "description": "When it was issued (EDTF); cannot be removed."},
        "replyBy": {"type": ["string", "null"], "description": "When answers are due (EDTF)."},
        "summary": nullable_text("A summary.", 5000),
        "addInvitees": {"type": "array", "items": {"type": "string"}, "description": "Actors to invite too; one invited already is a 422."},
        "removeInvitees": {"type": "array", "items": {"type": "string"}, "description": "Invitees to remove, with their answers; one not invited is a 422."},
    },
    "examples": [{"replyBy": "2022-03-31", "addInvitees": ["Indonesia"]}],
    "additionalProperties": False,
}
schemas["RolePatch"] = {
    "type": "object", "description": "A JSON merge patch (RFC 7396) of a role held. Any other field is a 400; an empty patch is a 422.",
    "properties": {
        "title": {"type": "string", "maxLength": 200, "description": "The title; cannot be removed."},
        "of": {"type": "string", "description": "The state or organization it is of; cannot be removed."},
        "period": {"type": ["string", "null"], "description": "When it was held (EDTF); `null` makes it undated."},
    },
    "examples": [{"period": "1985-01-14/2023-08-22"}],
    "additionalProperties": False,
}
schemas["RoleEnd"] = {
    "type": "object", "description": "The day a role ended.",
    "properties": {"on": {"type": "string", "description": "The day, month or year it ended (EDTF, not a range)."}},
    "required": ["on"], "examples": [{"on": "2023-08-22"}], "additionalProperties": False,
}
schemas.pop("MembershipEnd", None)
schemas["MembershipPatch"] = {
    "type": "object", "description": "A membership's new period.",
    "properties": {"period": {"type": ["string", "null"], "description": "The whole period (EDTF); `null` makes it undated."}},
    "required": ["period"], "examples": [{"period": "1973-01-01/2020-01-31"}], "additionalProperties": False,
}
schemas["Membership"]["properties"] = {"id": {"type": "integer", "description": "The database id, which `/v1/memberships/{id}` takes."},
                                       **{k: v for k, v in schemas["Membership"]["properties"].items() if k != "id"}}
for key in ["EventPatch"]:
    insert_after(schemas, "EventList", key, schemas.pop(key))
for key in ["InvitationPatch"]:
    insert_after(schemas, "InvitationList", key, schemas.pop(key))
for key in ["MembershipPatch"]:
    insert_after(schemas, "Membership", key, schemas.pop(key))
for key in ["RolePatch", "RoleEnd"]:
    insert_after(schemas, "RoleHeld", key, schemas.pop(key))

profile = schemas["ActorProfile"]
profile["properties"]["merged"] = {
    "type": "array", "description": "Actors merged into this one (`POST /v1/actors/{name}/merge`), oldest first; their names are now aliases.",
    "items": {"$ref": "#/components/schemas/MergedActor"},
}
if "merged" not in profile["required"]:
    profile["required"].append("merged")
schemas["MergedActor"] = {
    "type": "object", "description": "An actor merged into another.",
    "properties": {"name": {"type": "string", "description": "The duplicate's name, now an alias."},
                   "at": {"type": "string", "format": "date-time", "description": "When (UTC)."},
                   "by": {"type": "string", "description": "Who, as the history records changes (`token:<name>`, `cli:<user>`)."}},
    "required": ["name", "at", "by"], "additionalProperties": False,
}
insert_after(schemas, "Membership", "MergedActor", schemas.pop("MergedActor"))

def add_merged_to_profile_examples(node):
    if isinstance(node, dict):
        if {"actor", "letterCount", "namesAsWritten", "demonyms"} <= node.keys() and "merged" not in node:
            node["merged"] = []
        for value in node.values():
            add_merged_to_profile_examples(value)
    elif isinstance(node, list):
        for value in node:
            add_merged_to_profile_examples(value)

add_merged_to_profile_examples(paths)
add_merged_to_profile_examples(schemas)

path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
