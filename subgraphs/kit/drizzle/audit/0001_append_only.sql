-- Rows of the audit log are never changed or removed. The trigger stops UPDATE, DELETE and
-- TRUNCATE from every role that does not own the table; the owner (and a superuser) can still
-- disable it, so on PostgreSQL the services must connect as a role that does not own audit.events
-- (see restrictAuditRole in the kit). The hash chain and the signed checkpoint detect what a
-- determined owner does anyway.
CREATE FUNCTION "audit"."reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "audit"."events"
  FOR EACH ROW EXECUTE FUNCTION "audit"."reject_change"();
--> statement-breakpoint
CREATE TRIGGER "events_no_truncate" BEFORE TRUNCATE ON "audit"."events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit"."reject_change"();
--> statement-breakpoint
REVOKE ALL ON "audit"."events" FROM PUBLIC;
