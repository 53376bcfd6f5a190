DROP INDEX history_by_kind_field_time;
DROP INDEX irritants_for_attention;
DROP TABLE date_slips;
