DELETE FROM pending_data_steps WHERE name = 'list-short-chinese-runs';
DROP TRIGGER irritants_search_removed;
DROP TRIGGER irritants_search_changed;
DROP TRIGGER irritants_search_added;
DROP TABLE irritant_search_words;
DROP TABLE irritant_search;
