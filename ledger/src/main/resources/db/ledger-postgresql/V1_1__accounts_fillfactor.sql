-- PostgreSQL only. Every batch rewrites the balances of the accounts it touched. With free room
-- on the page, PostgreSQL updates a row in place of a dead version (a HOT update: no new entry in
-- the primary key index, the dead version pruned on the page). Balances are not indexed, so every
-- balance update can be HOT if the page has room; 70 leaves that room for about a third of a
-- page's rows between prunes.
ALTER TABLE ledger_accounts SET (fillfactor = 70);
