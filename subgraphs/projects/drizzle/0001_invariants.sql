-- Hand-written migration (created with `drizzle-kit generate --custom`): the triggers that keep
-- a project's status, budget and spending in step with their recorded history. Each error
-- carries SQLSTATE 23514 and a constraint name, which the resolvers turn into coded errors.

-- A project starts as PROPOSED with nothing spent. After that its status, budget and progress
-- columns change only from the triggers below, which run at trigger depth 2. A direct UPDATE
-- (depth 1) of them is rejected, and so is any direct UPDATE of a completed or cancelled project.
CREATE FUNCTION "projects"."guard_project_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'PROPOSED' OR NEW.spent_to_date <> 0 OR NEW.percent_complete <> 0
     OR NEW.last_reported_on IS NOT NULL THEN
    RAISE EXCEPTION 'a new project starts as PROPOSED with no spending and no progress'
      USING ERRCODE = '23514', CONSTRAINT = 'projects_created_proposed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "projects_guard_insert" BEFORE INSERT ON "projects"."projects"
  FOR EACH ROW EXECUTE FUNCTION "projects"."guard_project_insert"();
--> statement-breakpoint
CREATE FUNCTION "projects"."guard_project_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  IF OLD.status IN ('COMPLETED', 'CANCELLED') THEN
    RAISE EXCEPTION 'project % is % and takes no further changes', OLD.code, OLD.status
      USING ERRCODE = '23514', CONSTRAINT = 'projects_closed';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'the status of project % changes only by inserting into projects.status_changes', OLD.code
      USING ERRCODE = '23514', CONSTRAINT = 'projects_status_from_history';
  END IF;
  IF NEW.budget IS DISTINCT FROM OLD.budget THEN
    RAISE EXCEPTION 'the budget of project % changes only by inserting into projects.budget_changes', OLD.code
      USING ERRCODE = '23514', CONSTRAINT = 'projects_budget_from_history';
  END IF;
  IF NEW.spent_to_date IS DISTINCT FROM OLD.spent_to_date
     OR NEW.percent_complete IS DISTINCT FROM OLD.percent_complete
     OR NEW.last_reported_on IS DISTINCT FROM OLD.last_reported_on THEN
    RAISE EXCEPTION 'the progress of project % changes only by inserting into projects.progress_reports', OLD.code
      USING ERRCODE = '23514', CONSTRAINT = 'projects_progress_from_history';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "projects_guard_update" BEFORE UPDATE ON "projects"."projects"
  FOR EACH ROW EXECUTE FUNCTION "projects"."guard_project_update"();
--> statement-breakpoint
-- A status change applies only to a project that is in its from_status. The check constraint
-- status_changes_allowed has already limited the pair to the allowed transitions.
CREATE FUNCTION "projects"."apply_status_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.from_status IS NULL THEN
    RETURN NEW;
  END IF;
  UPDATE "projects"."projects"
     SET status = NEW.to_status, updated_at = NEW.changed_at
   WHERE id = NEW.project_id AND status = NEW.from_status;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'project % is not in status %', NEW.project_id, NEW.from_status
      USING ERRCODE = '23514', CONSTRAINT = 'status_changes_from_current';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "status_changes_apply" AFTER INSERT ON "projects"."status_changes"
  FOR EACH ROW EXECUTE FUNCTION "projects"."apply_status_change"();
--> statement-breakpoint
-- A budget change applies only to the budget it names as previous, on an open project. A new
-- budget below the spending to date fails the projects_spending_within_budget check.
CREATE FUNCTION "projects"."apply_budget_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_status text;
BEGIN
  SELECT status INTO current_status FROM "projects"."projects" WHERE id = NEW.project_id FOR UPDATE;
  IF current_status IN ('COMPLETED', 'CANCELLED') THEN
    RAISE EXCEPTION 'project % is % and takes no budget change', NEW.project_id, current_status
      USING ERRCODE = '23514', CONSTRAINT = 'projects_closed';
  END IF;
  UPDATE "projects"."projects"
     SET budget = NEW.new_budget, updated_at = NEW.changed_at
   WHERE id = NEW.project_id AND budget = NEW.previous_budget;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the budget of project % is no longer %', NEW.project_id, NEW.previous_budget
      USING ERRCODE = '23514', CONSTRAINT = 'budget_changes_from_current';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "budget_changes_apply" AFTER INSERT ON "projects"."budget_changes"
  FOR EACH ROW EXECUTE FUNCTION "projects"."apply_budget_change"();
--> statement-breakpoint
-- Spending to date may never exceed the budget: raising it above the budget needs a recorded
-- budget change first. Reports are taken while the project is in progress or suspended. The
-- latest report by date, then by insertion order, sets the project's current progress.
CREATE FUNCTION "projects"."apply_progress_report"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_budget bigint;
  current_status text;
BEGIN
  SELECT budget, status INTO current_budget, current_status
    FROM "projects"."projects" WHERE id = NEW.project_id FOR UPDATE;
  IF current_status NOT IN ('IN_PROGRESS', 'SUSPENDED') THEN
    RAISE EXCEPTION 'project % is % and takes no progress report', NEW.project_id, current_status
      USING ERRCODE = '23514', CONSTRAINT = 'progress_reports_project_started';
  END IF;
  IF NEW.spent_to_date > current_budget THEN
    RAISE EXCEPTION 'spending to date % exceeds the budget % of project %', NEW.spent_to_date, current_budget, NEW.project_id
      USING ERRCODE = '23514', CONSTRAINT = 'progress_reports_spending_within_budget';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM "projects"."progress_reports" r
     WHERE r.project_id = NEW.project_id AND r.id <> NEW.id
       AND (r.reported_on, r.seq) > (NEW.reported_on, NEW.seq)
  ) THEN
    UPDATE "projects"."projects"
       SET spent_to_date = NEW.spent_to_date,
           percent_complete = NEW.percent_complete,
           last_reported_on = NEW.reported_on,
           updated_at = NEW.created_at
     WHERE id = NEW.project_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "progress_reports_apply" AFTER INSERT ON "projects"."progress_reports"
  FOR EACH ROW EXECUTE FUNCTION "projects"."apply_progress_report"();
--> statement-breakpoint
-- The history tables are append-only: what was recorded stays as it was recorded.
CREATE FUNCTION "projects"."reject_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = '23514', CONSTRAINT = 'history_append_only';
END $$;
--> statement-breakpoint
CREATE TRIGGER "status_changes_append_only" BEFORE UPDATE OR DELETE ON "projects"."status_changes"
  FOR EACH ROW EXECUTE FUNCTION "projects"."reject_history_change"();
--> statement-breakpoint
CREATE TRIGGER "budget_changes_append_only" BEFORE UPDATE OR DELETE ON "projects"."budget_changes"
  FOR EACH ROW EXECUTE FUNCTION "projects"."reject_history_change"();
--> statement-breakpoint
CREATE TRIGGER "progress_reports_append_only" BEFORE UPDATE OR DELETE ON "projects"."progress_reports"
  FOR EACH ROW EXECUTE FUNCTION "projects"."reject_history_change"();
--> statement-breakpoint
-- Milestones of a completed or cancelled project stay as they were when it closed.
CREATE FUNCTION "projects"."guard_milestone_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_status text;
BEGIN
  SELECT status INTO current_status FROM "projects"."projects" WHERE id = NEW.project_id;
  IF current_status IN ('COMPLETED', 'CANCELLED') THEN
    RAISE EXCEPTION 'project % is % and its milestones take no change', NEW.project_id, current_status
      USING ERRCODE = '23514', CONSTRAINT = 'projects_closed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "milestones_guard" BEFORE INSERT OR UPDATE ON "projects"."milestones"
  FOR EACH ROW EXECUTE FUNCTION "projects"."guard_milestone_change"();
