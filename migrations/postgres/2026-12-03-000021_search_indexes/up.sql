-- Searches answered from indexes instead of reading every irritant's search text. Words of
-- three characters or more are found by LIKE through a trigram index (pg_trgm, a trusted
-- extension that the database's owner may create); one or two Chinese characters (too short
-- for trigrams, and common, since Chinese is written without spaces) through an index of the
-- line of short Chinese runs that ends each search text holding Chinese. Both indexes change
-- in the transaction that changes the text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX irritants_search_trigrams ON irritants USING gin (search_text gin_trgm_ops);
-- The words of each text's last line; the query names the same expression.
CREATE INDEX irritants_search_short_runs ON irritants
    USING gin (string_to_array(split_part(search_text, E'\n', -1), ' '));

-- The line of short Chinese runs is written by the server (the folding table lives in the
-- binary).
INSERT INTO pending_data_steps (name) VALUES ('list-short-chinese-runs');
