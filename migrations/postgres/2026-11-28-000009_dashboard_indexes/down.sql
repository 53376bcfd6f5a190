DROP INDEX irritants_by_status_opened;
DROP INDEX irritants_scope_by_id;
DROP INDEX irritants_by_owner_target;
DROP INDEX history_changes;
CREATE INDEX history_by_kind_and_date ON history (kind, effective_date);
DROP INDEX irritants_for_dashboard;
