-- pg_trgm + fuzzystrmatch baseline: the same parties as the import CSV, one table, trigram and dmetaphone indexes.
-- psql -v csv=/tmp/parties-1m.csv -f tests/bench/trgm-load.sql
\timing on
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
DROP TABLE IF EXISTS parties;
CREATE TABLE parties (
  external_id text PRIMARY KEY, role text, given_names text, family_names text, aliases text,
  date_of_birth text, a_number text, case_reference text);
\set copycmd '\\copy parties FROM ' :'csv' ' WITH (FORMAT csv, HEADER true)'
:copycmd
ALTER TABLE parties
  ADD COLUMN full_name text GENERATED ALWAYS AS (given_names || ' ' || replace(family_names, '|', ' ')) STORED,
  ADD COLUMN family text GENERATED ALWAYS AS (split_part(family_names, '|', 1)) STORED;
CREATE INDEX parties_full_name_trgm ON parties USING gin (full_name gin_trgm_ops);
CREATE INDEX parties_family_dmetaphone ON parties (dmetaphone(family));
VACUUM ANALYZE parties;
SELECT count(*) AS parties, pg_size_pretty(pg_total_relation_size('parties')) AS size_with_indexes FROM parties;
