-- Schema version 6 (issue 12 load target, issue 15 report memory): what the report and the console
-- aggregate is written at ingest instead of being extracted from JSON per row at read time.
-- account: the account the detection concerns, from the event it was raised on (the first named,
-- non-built-in TargetUserName, SubjectUserName, User, AccountName or UserName; DOMAIN\user when the
-- event gives the domain); see Accounts.java. tags: the rule's tags, separated by one space.
-- Cases ingested before this version get both filled when opened (Migrations backfills them).
-- Statements end with ';' at a line's end.
ALTER TABLE detection ADD COLUMN account VARCHAR;
ALTER TABLE detection ADD COLUMN tags VARCHAR;
