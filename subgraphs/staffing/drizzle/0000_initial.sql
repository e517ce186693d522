CREATE SCHEMA "staffing";
--> statement-breakpoint
CREATE TABLE "staffing"."allocation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"posts_allocated" integer NOT NULL,
	"posts_filled" integer NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_decisions_number_key" UNIQUE("org_id","year","decision_number"),
	CONSTRAINT "allocation_decisions_year_check" CHECK ("staffing"."allocation_decisions"."year" between 2000 and 2100),
	CONSTRAINT "allocation_decisions_filled_check" CHECK ("staffing"."allocation_decisions"."posts_filled" >= 0 and "staffing"."allocation_decisions"."posts_filled" <= "staffing"."allocation_decisions"."posts_allocated"),
	CONSTRAINT "allocation_decisions_number_check" CHECK (btrim("staffing"."allocation_decisions"."decision_number") <> '')
);
--> statement-breakpoint
CREATE TABLE "staffing"."allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"posts_allocated" integer NOT NULL,
	"posts_filled" integer NOT NULL,
	"posts_transferred_in" integer DEFAULT 0 NOT NULL,
	"posts_transferred_out" integer DEFAULT 0 NOT NULL,
	"decision_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocations_org_year_key" UNIQUE("org_id","year"),
	CONSTRAINT "allocations_year_check" CHECK ("staffing"."allocations"."year" between 2000 and 2100),
	CONSTRAINT "allocations_filled_check" CHECK ("staffing"."allocations"."posts_filled" >= 0 and "staffing"."allocations"."posts_filled" <= "staffing"."allocations"."posts_allocated"),
	CONSTRAINT "allocations_transferred_check" CHECK ("staffing"."allocations"."posts_transferred_in" >= 0 and "staffing"."allocations"."posts_transferred_out" >= 0)
);
--> statement-breakpoint
CREATE TABLE "staffing"."assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"position_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_dates_check" CHECK ("staffing"."assignments"."end_date" is null or "staffing"."assignments"."end_date" >= "staffing"."assignments"."start_date")
);
--> statement-breakpoint
CREATE TABLE "staffing"."attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"completed_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_session_person_key" UNIQUE("session_id","person_id"),
	CONSTRAINT "attendance_status_check" CHECK ("staffing"."attendance"."status" in ('REGISTERED', 'ABSENT', 'ATTENDED', 'COMPLETED')),
	CONSTRAINT "attendance_completed_check" CHECK (("staffing"."attendance"."status" = 'COMPLETED') = ("staffing"."attendance"."completed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "staffing"."courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"provider" text NOT NULL,
	"hours" integer NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_hours_check" CHECK ("staffing"."courses"."hours" > 0),
	CONSTRAINT "courses_mode_check" CHECK ("staffing"."courses"."mode" in ('IN_PERSON', 'ONLINE', 'BLENDED')),
	CONSTRAINT "courses_text_check" CHECK (btrim("staffing"."courses"."title") <> '' and btrim("staffing"."courses"."topic") <> '' and btrim("staffing"."courses"."provider") <> '')
);
--> statement-breakpoint
CREATE TABLE "staffing"."headcount_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"posts_allocated_change" integer NOT NULL,
	"posts_filled_change" integer NOT NULL,
	"posts_allocated_after" integer NOT NULL,
	"posts_filled_after" integer NOT NULL,
	"decision_id" uuid,
	"transfer_id" uuid,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "headcount_changes_kind_check" CHECK ("staffing"."headcount_changes"."kind" in ('DECISION', 'TRANSFER_IN', 'TRANSFER_OUT')),
	CONSTRAINT "headcount_changes_source_check" CHECK (("staffing"."headcount_changes"."kind" = 'DECISION' and "staffing"."headcount_changes"."decision_id" is not null and "staffing"."headcount_changes"."transfer_id" is null)
        or ("staffing"."headcount_changes"."kind" <> 'DECISION' and "staffing"."headcount_changes"."transfer_id" is not null and "staffing"."headcount_changes"."decision_id" is null))
);
--> statement-breakpoint
CREATE TABLE "staffing"."positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"job_title_standard" text,
	"dx_role" boolean NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "positions_title_check" CHECK (btrim("staffing"."positions"."title") <> '')
);
--> statement-breakpoint
CREATE TABLE "staffing"."training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"organizer_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_dates_check" CHECK ("staffing"."training_sessions"."ends_on" >= "staffing"."training_sessions"."starts_on"),
	CONSTRAINT "training_sessions_place_check" CHECK (btrim("staffing"."training_sessions"."place") <> '')
);
--> statement-breakpoint
CREATE TABLE "staffing"."transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"body_id" uuid NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"posts" integer NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_decision_key" UNIQUE("decision_number","from_org_id","to_org_id","year"),
	CONSTRAINT "transfers_year_check" CHECK ("staffing"."transfers"."year" between 2000 and 2100),
	CONSTRAINT "transfers_posts_check" CHECK ("staffing"."transfers"."posts" > 0),
	CONSTRAINT "transfers_distinct_check" CHECK ("staffing"."transfers"."from_org_id" <> "staffing"."transfers"."to_org_id"),
	CONSTRAINT "transfers_text_check" CHECK (btrim("staffing"."transfers"."decision_number") <> '' and btrim("staffing"."transfers"."reason") <> '')
);
--> statement-breakpoint
ALTER TABLE "staffing"."allocations" ADD CONSTRAINT "allocations_decision_id_allocation_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "staffing"."allocation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing"."assignments" ADD CONSTRAINT "assignments_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "staffing"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing"."attendance" ADD CONSTRAINT "attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "staffing"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing"."headcount_changes" ADD CONSTRAINT "headcount_changes_decision_id_allocation_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "staffing"."allocation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing"."headcount_changes" ADD CONSTRAINT "headcount_changes_transfer_id_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "staffing"."transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing"."training_sessions" ADD CONSTRAINT "training_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "staffing"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_decisions_created_idx" ON "staffing"."allocation_decisions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "allocations_year_idx" ON "staffing"."allocations" USING btree ("year","created_at","id");--> statement-breakpoint
CREATE INDEX "assignments_person_idx" ON "staffing"."assignments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "assignments_position_idx" ON "staffing"."assignments" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "assignments_created_idx" ON "staffing"."assignments" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_open_key" ON "staffing"."assignments" USING btree ("person_id","position_id") WHERE "staffing"."assignments"."end_date" is null;--> statement-breakpoint
CREATE INDEX "attendance_person_idx" ON "staffing"."attendance" USING btree ("person_id","completed_on");--> statement-breakpoint
CREATE INDEX "attendance_org_idx" ON "staffing"."attendance" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "attendance_session_created_idx" ON "staffing"."attendance" USING btree ("session_id","created_at","id");--> statement-breakpoint
CREATE INDEX "courses_created_idx" ON "staffing"."courses" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "headcount_changes_org_idx" ON "staffing"."headcount_changes" USING btree ("org_id","year","created_at");--> statement-breakpoint
CREATE INDEX "positions_org_idx" ON "staffing"."positions" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "positions_created_idx" ON "staffing"."positions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "staffing"."training_sessions" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "training_sessions_organizer_idx" ON "staffing"."training_sessions" USING btree ("organizer_id");--> statement-breakpoint
CREATE INDEX "training_sessions_created_idx" ON "staffing"."training_sessions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "staffing"."transfers" USING btree ("from_org_id","year");--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "staffing"."transfers" USING btree ("to_org_id","year");--> statement-breakpoint
CREATE INDEX "transfers_body_idx" ON "staffing"."transfers" USING btree ("body_id","year");--> statement-breakpoint
CREATE INDEX "transfers_created_idx" ON "staffing"."transfers" USING btree ("created_at","id");
--> statement-breakpoint
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
