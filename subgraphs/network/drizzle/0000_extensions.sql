-- Hand-written: drizzle-kit does not emit extensions. pg_trgm backs the trigram indexes of the
-- "name contains" search in the next migration; PostgreSQL 13 and later let a database owner
-- create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
