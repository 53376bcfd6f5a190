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

-- History learns two kinds: a statement linked, a statement unlinked.
ALTER TABLE history DROP CONSTRAINT history_kind_check;
ALTER TABLE history ADD CONSTRAINT history_kind_check CHECK (kind IN ('created', 'field_changed',
    'status_changed', 'update_added', 'milestone_added', 'milestone_changed', 'link_added',
    'statement_linked', 'statement_unlinked'));
