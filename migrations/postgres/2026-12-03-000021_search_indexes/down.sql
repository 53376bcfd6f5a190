DELETE FROM pending_data_steps WHERE name = 'list-short-chinese-runs';
DROP INDEX irritants_search_short_runs;
DROP INDEX irritants_search_trigrams;
