-- Upgrades a schema version 4 database to version 5: EDTF's level 2 forms (sets, dates with a
-- time, years before the common era, unspecified digits anywhere, qualified components) pass the
-- shape check; the parser in the EDTF module is the real check. schema.sql stays the one
-- description of the current schema; this file repeats the part that changed, and SchemaMigrator
-- runs it in the transaction that records version 5.

CREATE OR REPLACE FUNCTION is_edtf_shaped(expression text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    expression ~ '^[-+0-9XYES?~%:TZ.,/\[\]{}]+$' AND expression ~ '[0-9X]|[.][.]'
    AND expression NOT IN ('', '/', '../..', '/..', '../');
