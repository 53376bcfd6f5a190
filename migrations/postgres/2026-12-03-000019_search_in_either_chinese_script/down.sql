DROP TABLE pending_data_steps;
