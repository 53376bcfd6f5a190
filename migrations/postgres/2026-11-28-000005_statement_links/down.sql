DROP TABLE statement_links;
