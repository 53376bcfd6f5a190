-- Which statements mandate which irritants: the words behind the work. A link may quote the
-- span of the statement that matters, and say why.
CREATE TABLE statement_links (
    statement_id TEXT NOT NULL REFERENCES statements (id),
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    quote TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (statement_id, irritant_id)
);
CREATE INDEX statement_links_by_irritant ON statement_links (irritant_id);

-- History learns two kinds: a statement linked, a statement unlinked. SQLite cannot change a
-- CHECK in place, so the table is rebuilt with every row it holds, and its append-only
-- triggers are made again.
CREATE TABLE history_with_statements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    version INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'field_changed', 'status_changed', 'update_added',
        'milestone_added', 'milestone_changed', 'link_added', 'statement_linked',
        'statement_unlinked')),
    field TEXT,
    before_value TEXT,
    after_value TEXT,
    effective_date DATE,
    summary TEXT NOT NULL DEFAULT ''
);
INSERT INTO history_with_statements
    (id, irritant_id, version, actor_id, occurred_at, kind, field, before_value, after_value,
     effective_date, summary)
    SELECT id, irritant_id, version, actor_id, occurred_at, kind, field, before_value,
           after_value, effective_date, summary
    FROM history;
DROP TABLE history;
ALTER TABLE history_with_statements RENAME TO history;
CREATE INDEX history_by_irritant ON history (irritant_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
