-- staffing invariants: functions and triggers that drizzle-kit cannot generate.
-- `pnpm db:generate` appends this file to the initial migration; edit it here, never in drizzle/.
--
-- Decision 1690/QĐ-TTg moves headcount to IT units from a body's existing allocation, never
-- adding to it. The database enforces that: a transfer is applied by the trigger below, which
-- moves exactly the posts it records, so the total of a body and its units cannot grow through
-- a transfer. It locks the two allocation rows in org id order, so concurrent transfers queue
-- instead of overwriting each other or deadlocking. Rejections carry a dxhub SQLSTATE (DXS01 to
-- DXS05) and a JSON detail with the numbers, which the subgraph turns into coded errors.
-- Statements are separated by breakpoints because the migrator sends them one at a time.

-- Transfers: check the organisations, lock, check the filled-posts floor, move the posts.
CREATE FUNCTION staffing.transfers_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target record;
  source record;
  body_code text;
  allocated integer;
  filled integer;
  body_total integer;
BEGIN
  -- Left to the check constraints, which reject the row before anything is moved.
  IF NEW.posts <= 0 OR NEW.from_org_id = NEW.to_org_id THEN
    RETURN NEW;
  END IF;

  SELECT id, code, kind, parent_id INTO target FROM network.org_tree
   WHERE id = NEW.to_org_id AND valid_from <= NEW.decision_date
     AND (valid_to IS NULL OR valid_to >= NEW.decision_date);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'transfer target % is not a valid organisation on %', NEW.to_org_id, NEW.decision_date
      USING ERRCODE = 'DXS04',
            DETAIL = json_build_object('org', NEW.to_org_id, 'date', NEW.decision_date)::text;
  END IF;
  IF target.kind <> 'IT_UNIT' OR target.parent_id IS NULL THEN
    RAISE EXCEPTION 'transfer target % is not an IT unit', target.code
      USING ERRCODE = 'DXS03',
            DETAIL = json_build_object('org', target.code, 'kind', target.kind, 'date', NEW.decision_date)::text;
  END IF;
  NEW.body_id := target.parent_id;

  SELECT id, code, ancestor_ids INTO source FROM network.org_tree
   WHERE id = NEW.from_org_id AND valid_from <= NEW.decision_date
     AND (valid_to IS NULL OR valid_to >= NEW.decision_date);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'transfer source % is not a valid organisation on %', NEW.from_org_id, NEW.decision_date
      USING ERRCODE = 'DXS04',
            DETAIL = json_build_object('org', NEW.from_org_id, 'date', NEW.decision_date)::text;
  END IF;

  -- Posts from outside the body's tree would raise the total of the body and its units.
  IF source.id <> NEW.body_id AND NOT source.ancestor_ids @> ARRAY[NEW.body_id] THEN
    SELECT code INTO body_code FROM network.org_tree WHERE id = NEW.body_id;
    SELECT coalesce(sum(a.posts_allocated), 0) INTO body_total
      FROM staffing.allocations a JOIN network.org_tree t ON t.id = a.org_id
     WHERE a.year = NEW.year AND (t.id = NEW.body_id OR t.ancestor_ids @> ARRAY[NEW.body_id]);
    RAISE EXCEPTION 'transfer from % would grow the headcount of %', source.code, body_code
      USING ERRCODE = 'DXS02',
            DETAIL = json_build_object('from', source.code, 'to', target.code, 'body', body_code,
              'year', NEW.year, 'posts', NEW.posts, 'total', body_total,
              'totalAfter', body_total + NEW.posts)::text;
  END IF;

  -- The target row may not exist yet: an IT unit can receive its first posts by transfer.
  INSERT INTO staffing.allocations (org_id, year, posts_allocated, posts_filled)
    VALUES (NEW.to_org_id, NEW.year, 0, 0)
    ON CONFLICT (org_id, year) DO NOTHING;
  PERFORM 1 FROM staffing.allocations
    WHERE year = NEW.year AND org_id IN (NEW.from_org_id, NEW.to_org_id)
    ORDER BY org_id
    FOR UPDATE;

  -- Read after the lock, so the figures include every transfer committed before this one.
  SELECT posts_allocated, posts_filled INTO allocated, filled FROM staffing.allocations
   WHERE org_id = NEW.from_org_id AND year = NEW.year;
  IF NOT FOUND THEN
    allocated := 0;
    filled := 0;
  END IF;
  IF allocated - NEW.posts < filled THEN
    RAISE EXCEPTION 'transfer would leave % below its filled posts', source.code
      USING ERRCODE = 'DXS01',
            DETAIL = json_build_object('org', source.code, 'year', NEW.year, 'posts', NEW.posts,
              'allocated', allocated, 'filled', filled, 'remaining', allocated - NEW.posts,
              'available', greatest(allocated - filled, 0))::text;
  END IF;

  UPDATE staffing.allocations
     SET posts_allocated = posts_allocated - NEW.posts,
         posts_transferred_out = posts_transferred_out + NEW.posts,
         updated_at = now()
   WHERE org_id = NEW.from_org_id AND year = NEW.year;
  UPDATE staffing.allocations
     SET posts_allocated = posts_allocated + NEW.posts,
         posts_transferred_in = posts_transferred_in + NEW.posts,
         updated_at = now()
   WHERE org_id = NEW.to_org_id AND year = NEW.year;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_apply BEFORE INSERT ON staffing.transfers
  FOR EACH ROW EXECUTE FUNCTION staffing.transfers_apply();
--> statement-breakpoint

-- Transfers, after the row exists: one ledger entry for each side.
CREATE FUNCTION staffing.transfers_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO staffing.headcount_changes (org_id, year, kind, posts_allocated_change,
      posts_filled_change, posts_allocated_after, posts_filled_after, transfer_id,
      decision_number, decision_date)
  SELECT a.org_id, a.year,
         CASE WHEN a.org_id = NEW.from_org_id THEN 'TRANSFER_OUT' ELSE 'TRANSFER_IN' END,
         CASE WHEN a.org_id = NEW.from_org_id THEN -NEW.posts ELSE NEW.posts END,
         0, a.posts_allocated, a.posts_filled, NEW.id, NEW.decision_number, NEW.decision_date
    FROM staffing.allocations a
   WHERE a.year = NEW.year AND a.org_id IN (NEW.from_org_id, NEW.to_org_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_record AFTER INSERT ON staffing.transfers
  FOR EACH ROW EXECUTE FUNCTION staffing.transfers_record();
--> statement-breakpoint

-- Allocation decisions set the figures outright, so unlike transfers they may change totals.
CREATE FUNCTION staffing.allocation_decisions_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous record;
BEGIN
  INSERT INTO staffing.allocations (org_id, year, posts_allocated, posts_filled)
    VALUES (NEW.org_id, NEW.year, 0, 0)
    ON CONFLICT (org_id, year) DO NOTHING;
  SELECT posts_allocated, posts_filled INTO previous FROM staffing.allocations
   WHERE org_id = NEW.org_id AND year = NEW.year
   FOR UPDATE;
  UPDATE staffing.allocations
     SET posts_allocated = NEW.posts_allocated,
         posts_filled = NEW.posts_filled,
         decision_id = NEW.id,
         updated_at = now()
   WHERE org_id = NEW.org_id AND year = NEW.year;
  INSERT INTO staffing.headcount_changes (org_id, year, kind, posts_allocated_change,
      posts_filled_change, posts_allocated_after, posts_filled_after, decision_id,
      decision_number, decision_date)
  VALUES (NEW.org_id, NEW.year, 'DECISION', NEW.posts_allocated - previous.posts_allocated,
      NEW.posts_filled - previous.posts_filled, NEW.posts_allocated, NEW.posts_filled, NEW.id,
      NEW.decision_number, NEW.decision_date);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER allocation_decisions_apply AFTER INSERT ON staffing.allocation_decisions
  FOR EACH ROW EXECUTE FUNCTION staffing.allocation_decisions_apply();
--> statement-breakpoint

-- Decisions, transfers and the ledger are records of what happened: a change to one could
-- not be replayed onto the allocations, so they are append-only.
CREATE FUNCTION staffing.reject_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of staffing.% are append-only', TG_TABLE_NAME
    USING ERRCODE = 'DXS05', DETAIL = json_build_object('table', TG_TABLE_NAME)::text;
END
$$;
--> statement-breakpoint
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON staffing.transfers
  FOR EACH ROW EXECUTE FUNCTION staffing.reject_record_change();
--> statement-breakpoint
CREATE TRIGGER allocation_decisions_append_only BEFORE UPDATE OR DELETE ON staffing.allocation_decisions
  FOR EACH ROW EXECUTE FUNCTION staffing.reject_record_change();
--> statement-breakpoint
CREATE TRIGGER headcount_changes_append_only BEFORE UPDATE OR DELETE ON staffing.headcount_changes
  FOR EACH ROW EXECUTE FUNCTION staffing.reject_record_change();
