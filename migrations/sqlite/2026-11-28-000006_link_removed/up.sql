-- History learns that a link between two irritants was removed. SQLite cannot change a CHECK
-- in place, so the table is rebuilt with every row it holds, and its append-only triggers are
-- made again.
CREATE TABLE history_with_link_removal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    version INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'field_changed', 'status_changed', 'update_added',
        'milestone_added', 'milestone_changed', 'link_added', 'statement_linked',
        'statement_unlinked', 'link_removed')),
    field TEXT,
    before_value TEXT,
    after_value TEXT,
    effective_date DATE,
    summary TEXT NOT NULL DEFAULT ''
);
INSERT INTO history_with_link_removal
    (id, irritant_id, version, actor_id, occurred_at, kind, field, before_value, after_value,
     effective_date, summary)
    SELECT id, irritant_id, version, actor_id, occurred_at, kind, field, before_value,
           after_value, effective_date, summary
    FROM history;
DROP TABLE history;
ALTER TABLE history_with_link_removal RENAME TO history;
CREATE INDEX history_by_irritant ON history (irritant_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
