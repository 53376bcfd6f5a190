-- The dashboard answers from narrow indexes instead of reading whole rows: the portfolio's
-- breakdown by status, RAG, sector, department, action holder and opening day, within any
-- scope; and the history's openings and status changes over a period, with what they
-- changed from and to.
CREATE INDEX irritants_for_dashboard ON irritants (status, rag, sector, lead_department,
    action_holder, opened_on, counterpart, priority);
DROP INDEX history_by_kind_and_date;
-- Only openings and status changes: their before and after values are status codes, where
-- other entries may hold whole texts, too long for an index entry.
CREATE INDEX history_changes ON history (kind, effective_date, before_value, after_value,
    irritant_id) WHERE kind IN ('created', 'status_changed');

-- A person's own irritants soonest due first, whether they own many or none.
CREATE INDEX irritants_by_owner_target ON irritants (owner_id, (target_date IS NULL),
    target_date, id);

-- A scoped dashboard joins the history to its irritants' counterpart, sector, department and
-- priority; this answers the join without reading whole rows.
CREATE INDEX irritants_scope_by_id ON irritants (id, counterpart, sector, lead_department,
    priority);

-- Open irritants by the day they were opened, read in order.
CREATE INDEX irritants_by_status_opened ON irritants (status, opened_on);
