DROP TABLE date_slips;
