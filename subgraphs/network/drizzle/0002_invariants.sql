-- Hand-written: triggers that drizzle-kit does not emit. They keep two invariants in the
-- database, whatever code path writes organizations:
--  * a code names at most one unit on any day (codes are reused, but never at the same time);
--  * network.org_tree, the table other subgraphs read, mirrors organizations in the same
--    transaction. A version's parent never changes, so ancestor lists never go stale.
-- The triggers run once per statement over its transition table, so an import of ten
-- thousand units costs a few set-based queries rather than a few per row.
CREATE FUNCTION network.organizations_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  clash record;
  expected bigint;
  written bigint;
BEGIN
  SELECT n.code, n.valid_from, n.valid_to INTO clash
  FROM inserted n
  JOIN network.organizations o ON o.code = n.code AND o.id <> n.id
    AND o.valid_from <= coalesce(n.valid_to, 'infinity'::date)
    AND coalesce(o.valid_to, 'infinity'::date) >= n.valid_from
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'code % already names another unit between % and %',
      clash.code, clash.valid_from, coalesce(clash.valid_to::text, 'now')
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'organizations_code_overlap';
  END IF;

  -- Ancestors of each new unit: from org_tree when its parent was there before this
  -- statement, else from the new parent in the same statement, top down.
  WITH RECURSIVE chain (id, ancestor_ids) AS (
    SELECT n.id, CASE WHEN n.parent_id IS NULL THEN '{}'::uuid[] ELSE t.ancestor_ids || t.id END
    FROM inserted n LEFT JOIN network.org_tree t ON t.id = n.parent_id
    WHERE n.parent_id IS NULL OR t.id IS NOT NULL
    UNION ALL
    SELECT n.id, c.ancestor_ids || c.id
    FROM inserted n JOIN chain c ON n.parent_id = c.id
  )
  INSERT INTO network.org_tree (id, code, parent_id, ancestor_ids, level, kind, valid_from, valid_to)
  SELECT n.id, n.code, n.parent_id, c.ancestor_ids, n.level, n.kind, n.valid_from, n.valid_to
  FROM inserted n JOIN chain c ON c.id = n.id;

  GET DIAGNOSTICS written = ROW_COUNT;
  SELECT count(*) INTO expected FROM inserted;
  IF written <> expected THEN
    RAISE EXCEPTION 'the parent of % new unit(s) is missing from org_tree', expected - written
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_after_insert
  AFTER INSERT ON network.organizations
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION network.organizations_after_insert();
--> statement-breakpoint
CREATE FUNCTION network.organizations_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  clash record;
BEGIN
  SELECT n.code, n.valid_from, n.valid_to INTO clash
  FROM new_rows n
  JOIN network.organizations o ON o.code = n.code AND o.id <> n.id
    AND o.valid_from <= coalesce(n.valid_to, 'infinity'::date)
    AND coalesce(o.valid_to, 'infinity'::date) >= n.valid_from
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'code % already names another unit between % and %',
      clash.code, clash.valid_from, coalesce(clash.valid_to::text, 'now')
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'organizations_code_overlap';
  END IF;

  UPDATE network.org_tree t
    SET code = n.code, level = n.level, kind = n.kind, valid_from = n.valid_from, valid_to = n.valid_to
    FROM new_rows n
    WHERE t.id = n.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_after_update
  AFTER UPDATE ON network.organizations
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION network.organizations_after_update();
--> statement-breakpoint
CREATE FUNCTION network.organizations_reject_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the id or parent of unit % cannot change; close it and open a new version', OLD.id
    USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'organizations_parent_fixed';
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_parent_fixed
  BEFORE UPDATE ON network.organizations
  FOR EACH ROW
  WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.id <> NEW.id)
  EXECUTE FUNCTION network.organizations_reject_move();
--> statement-breakpoint
CREATE FUNCTION network.organizations_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM network.org_tree t USING old_rows o WHERE t.id = o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_after_delete
  AFTER DELETE ON network.organizations
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION network.organizations_after_delete();
