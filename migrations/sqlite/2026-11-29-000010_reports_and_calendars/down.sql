DROP TABLE calendar_feeds;
DROP TABLE issued_reports;
