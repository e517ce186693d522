-- Hand-written rules that drizzle-kit cannot express in src/db/schema.ts. They live outside
-- drizzle/ so that regenerating the tables' migration leaves them in place, and run after it
-- as a second migration set (see src/server.ts).

-- The incident workflow. The allowed pairs are the ones in src/domain/workflow.ts; a test
-- tries every pair against this trigger.
CREATE FUNCTION "incidents"."check_status_transition"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
    SELECT 1 FROM (VALUES
      ('REPORTED', 'TRIAGED'), ('REPORTED', 'REJECTED'),
      ('TRIAGED', 'CONTAINED'), ('TRIAGED', 'RESOLVED'), ('TRIAGED', 'REJECTED'),
      ('CONTAINED', 'RESOLVED'),
      ('RESOLVED', 'CLOSED'), ('RESOLVED', 'TRIAGED')
    ) AS allowed(from_status, to_status)
    WHERE allowed.from_status = OLD.status AND allowed.to_status = NEW.status
  ) THEN
    RAISE EXCEPTION 'incident % cannot move from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "incidents_status_transition"
  BEFORE UPDATE OF "status" ON "incidents"."incidents"
  FOR EACH ROW EXECUTE FUNCTION "incidents"."check_status_transition"();
--> statement-breakpoint
-- A new incident starts in REPORTED; every later status is reached through the workflow.
CREATE FUNCTION "incidents"."check_initial_status"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'REPORTED' THEN
    RAISE EXCEPTION 'incident % must start in REPORTED, not %', NEW.id, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "incidents_initial_status"
  BEFORE INSERT ON "incidents"."incidents"
  FOR EACH ROW EXECUTE FUNCTION "incidents"."check_initial_status"();
--> statement-breakpoint
-- The timeline is the incident's history: entries are added, never changed or removed.
CREATE FUNCTION "incidents"."reject_timeline_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'timeline entries are append-only; add a new entry instead'
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "timeline_entries_append_only"
  BEFORE UPDATE OR DELETE ON "incidents"."timeline_entries"
  FOR EACH ROW EXECUTE FUNCTION "incidents"."reject_timeline_change"();
--> statement-breakpoint
-- Named recipients only mean something on a RED incident.
CREATE FUNCTION "incidents"."check_recipient_marking"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "incidents"."incidents" i WHERE i.id = NEW.incident_id AND i.tlp = 'RED') THEN
    RAISE EXCEPTION 'incident % is not TLP:RED, so it has no named recipients', NEW.incident_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "recipients_need_red"
  BEFORE INSERT OR UPDATE ON "incidents"."recipients"
  FOR EACH ROW EXECUTE FUNCTION "incidents"."check_recipient_marking"();
--> statement-breakpoint
-- An incident leaves RED only after its named recipients are removed, in the same transaction.
CREATE FUNCTION "incidents"."check_marking_without_recipients"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tlp <> 'RED' AND EXISTS (SELECT 1 FROM "incidents"."recipients" r WHERE r.incident_id = NEW.id) THEN
    RAISE EXCEPTION 'incident % still has named recipients; remove them before leaving TLP:RED', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "incidents_marking_recipients"
  BEFORE UPDATE OF "tlp" ON "incidents"."incidents"
  FOR EACH ROW EXECUTE FUNCTION "incidents"."check_marking_without_recipients"();
