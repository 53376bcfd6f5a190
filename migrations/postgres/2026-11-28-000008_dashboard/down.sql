DROP INDEX milestones_by_owner;
DROP INDEX history_by_time;
DROP INDEX history_by_kind_and_date;
ALTER TABLE irritants DROP COLUMN opened_on;
