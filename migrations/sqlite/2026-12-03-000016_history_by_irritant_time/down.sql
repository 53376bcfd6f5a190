DROP INDEX history_by_irritant_time;
