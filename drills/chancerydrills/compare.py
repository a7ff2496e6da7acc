"""Compares a database after faults with one that saw none."""

TABLE_COUNTS = """
SELECT string_agg(format('SELECT %L, count(*) FROM %I', tablename, tablename), ' UNION ALL ' ORDER BY tablename)
FROM pg_tables WHERE schemaname = 'public'
"""

# Each query names rows that appear more than once where the register should hold them once.
DUPLICATES = {
    "actors (kind, name, identifiers)": """
        SELECT count(*) FROM (SELECT 1 FROM actor
          GROUP BY kind, name, iso_code, wikidata_id, viaf_id, gnd_id, existed_edtf HAVING count(*) > 1) d""",
    "letters (ref)": "SELECT count(*) FROM (SELECT 1 FROM letter GROUP BY ref HAVING count(*) > 1) d",
    "letters (same content)": """
        SELECT count(*) FROM (SELECT 1 FROM letter
          GROUP BY kind, sent_edtf, subject, summary, external_key HAVING count(*) > 1) d""",
    "participants (letter, role, actor)": """
        SELECT count(*) FROM (SELECT 1 FROM letter_participant
          GROUP BY letter_id, role, actor_id HAVING count(*) > 1) d""",
    "aliases": "SELECT count(*) FROM (SELECT 1 FROM actor_alias GROUP BY actor_id, alias HAVING count(*) > 1) d",
    "roles": """
        SELECT count(*) FROM (SELECT 1 FROM role_held
          GROUP BY holder_id, title, of_id, period_edtf HAVING count(*) > 1) d""",
}


def table_counts(cluster, database):
    union = cluster.value(database, TABLE_COUNTS)
    return {name: int(count) for name, count in cluster.sql(database, union)}


def duplicates(cluster, database):
    return {label: int(cluster.value(database, query)) for label, query in DUPLICATES.items()}


def differences(expected, actual):
    """Names every key whose value differs, as 'name: expected → actual'."""
    keys = sorted(set(expected) | set(actual))
    return [f"{k}: {expected.get(k)} → {actual.get(k)}" for k in keys if expected.get(k) != actual.get(k)]
