-- Searches answered from indexes instead of reading every irritant's search text. Words of
-- three characters or more are looked up in a trigram index; one or two Chinese characters
-- (too short for trigrams, and common, since Chinese is written without spaces) in an index
-- of words, which finds them on the line of short Chinese runs that ends each search text
-- holding Chinese. Both are kept by triggers, in the transaction that changes the text.
--
-- The indexes name irritants by rowid. VACUUM keeps them (a test checks it), and the backup
-- API copies pages as they are. A migration that ever rebuilds the irritants table must
-- 'rebuild' both tables below and create the triggers again.
CREATE VIRTUAL TABLE irritant_search USING fts5(
    search_text,
    content = 'irritants',
    content_rowid = 'rowid',
    -- The text is lower-cased and folded already: each word is found exactly as typed.
    tokenize = 'trigram case_sensitive 1'
);
CREATE VIRTUAL TABLE irritant_search_words USING fts5(
    search_text,
    content = 'irritants',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER irritants_search_added AFTER INSERT ON irritants BEGIN
    INSERT INTO irritant_search (rowid, search_text) VALUES (new.rowid, new.search_text);
    INSERT INTO irritant_search_words (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
-- An edit writes every column of the facts: the indexes change only when the text does.
CREATE TRIGGER irritants_search_changed AFTER UPDATE OF search_text ON irritants
WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO irritant_search (irritant_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO irritant_search (rowid, search_text) VALUES (new.rowid, new.search_text);
    INSERT INTO irritant_search_words (irritant_search_words, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO irritant_search_words (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER irritants_search_removed AFTER DELETE ON irritants BEGIN
    INSERT INTO irritant_search (irritant_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO irritant_search_words (irritant_search_words, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;

INSERT INTO irritant_search (irritant_search) VALUES ('rebuild');
INSERT INTO irritant_search_words (irritant_search_words) VALUES ('rebuild');
-- The line of short Chinese runs is written by the server (the folding table lives in the
-- binary); the triggers index each text as it is rewritten.
INSERT INTO pending_data_steps (name) VALUES ('list-short-chinese-runs');
