-- Search texts now fold traditional Chinese into simplified. The folding table lives in the
-- binary, not in SQL, so the stored texts are folded again by the server right after the
-- migrations, once for each step named here, which it deletes in the same transaction.
CREATE TABLE pending_data_steps (
    name TEXT PRIMARY KEY NOT NULL
);
INSERT INTO pending_data_steps (name) VALUES ('fold-search-texts');
