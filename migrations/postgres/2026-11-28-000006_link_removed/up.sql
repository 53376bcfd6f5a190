-- History learns that a link between two irritants was removed.
ALTER TABLE history DROP CONSTRAINT history_kind_check;
ALTER TABLE history ADD CONSTRAINT history_kind_check CHECK (kind IN ('created', 'field_changed',
    'status_changed', 'update_added', 'milestone_added', 'milestone_changed', 'link_added',
    'statement_linked', 'statement_unlinked', 'link_removed'));
