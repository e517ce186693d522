CREATE SCHEMA "incidents";
--> statement-breakpoint
CREATE TABLE "incidents"."affected_organizations" (
	"incident_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "affected_organizations_incident_id_org_id_pk" PRIMARY KEY("incident_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "incidents"."incident_indicators" (
	"incident_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "incident_indicators_incident_id_indicator_id_pk" PRIMARY KEY("incident_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "incidents"."incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"tlp" text NOT NULL,
	"status" text DEFAULT 'REPORTED' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"handling_team_id" uuid,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "incidents_category_check" CHECK ("incidents"."incidents"."category" in ('ABUSIVE_CONTENT', 'MALICIOUS_CODE', 'INFORMATION_GATHERING', 'INTRUSION_ATTEMPTS', 'INTRUSIONS', 'AVAILABILITY', 'INFORMATION_CONTENT_SECURITY', 'FRAUD', 'VULNERABLE', 'OTHER')),
	CONSTRAINT "incidents_severity_check" CHECK ("incidents"."incidents"."severity" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
	CONSTRAINT "incidents_tlp_check" CHECK ("incidents"."incidents"."tlp" in ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."incidents"."status" in ('REPORTED', 'TRIAGED', 'CONTAINED', 'RESOLVED', 'CLOSED', 'REJECTED')),
	CONSTRAINT "incidents_title_check" CHECK (char_length(btrim("incidents"."incidents"."title")) between 1 and 300),
	CONSTRAINT "incidents_description_check" CHECK (char_length("incidents"."incidents"."description") <= 20000),
	CONSTRAINT "incidents_detected_before_reported_check" CHECK ("incidents"."incidents"."detected_at" <= "incidents"."incidents"."reported_at")
);
--> statement-breakpoint
CREATE TABLE "incidents"."indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "indicators_type_check" CHECK ("incidents"."indicators"."type" in ('IPV4', 'IPV6', 'CIDR', 'DOMAIN', 'URL', 'EMAIL', 'MD5', 'SHA1', 'SHA256')),
	CONSTRAINT "indicators_value_check" CHECK (case "incidents"."indicators"."type"
        when 'IPV4' then family("incidents"."indicators"."value"::inet) = 4 and masklen("incidents"."indicators"."value"::inet) = 32 and host("incidents"."indicators"."value"::inet) = "incidents"."indicators"."value"
        when 'IPV6' then family("incidents"."indicators"."value"::inet) = 6 and masklen("incidents"."indicators"."value"::inet) = 128 and host("incidents"."indicators"."value"::inet) = "incidents"."indicators"."value"
        when 'CIDR' then strpos("incidents"."indicators"."value", '/') > 0 and "incidents"."indicators"."value"::cidr::text = "incidents"."indicators"."value"
        when 'DOMAIN' then "incidents"."indicators"."value" ~ '^[a-z0-9_-]+([.][a-z0-9_-]+)+$'
        when 'EMAIL' then "incidents"."indicators"."value" ~ '^[^@[:space:]]+@[a-z0-9_-]+([.][a-z0-9_-]+)+$'
        when 'URL' then "incidents"."indicators"."value" ~ '^[a-z][a-z0-9+.-]*://[^[:space:]]+$'
        when 'MD5' then "incidents"."indicators"."value" ~ '^[0-9a-f]{32}$'
        when 'SHA1' then "incidents"."indicators"."value" ~ '^[0-9a-f]{40}$'
        when 'SHA256' then "incidents"."indicators"."value" ~ '^[0-9a-f]{64}$'
        else false end)
);
--> statement-breakpoint
CREATE TABLE "incidents"."recipients" (
	"incident_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "recipients_incident_id_org_id_pk" PRIMARY KEY("incident_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "incidents"."timeline_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "incidents"."timeline_entries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"actor_org_id" uuid,
	"from_value" text,
	"to_value" text,
	"note" text,
	CONSTRAINT "timeline_entries_kind_check" CHECK ("incidents"."timeline_entries"."kind" in ('REPORTED', 'STATUS_CHANGED', 'SEVERITY_CHANGED', 'MARKING_CHANGED', 'HANDLING_TEAM_CHANGED', 'DETAILS_UPDATED', 'INDICATORS_ADDED', 'INDICATOR_REMOVED', 'NOTE')),
	CONSTRAINT "timeline_entries_note_check" CHECK (char_length("incidents"."timeline_entries"."note") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "incidents"."affected_organizations" ADD CONSTRAINT "affected_organizations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "incidents"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents"."incident_indicators" ADD CONSTRAINT "incident_indicators_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "incidents"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents"."incident_indicators" ADD CONSTRAINT "incident_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "incidents"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents"."recipients" ADD CONSTRAINT "recipients_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "incidents"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents"."timeline_entries" ADD CONSTRAINT "timeline_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "incidents"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "affected_org_idx" ON "incidents"."affected_organizations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "incident_indicators_indicator_idx" ON "incidents"."incident_indicators" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "incidents_reported_idx" ON "incidents"."incidents" USING btree ("reported_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incidents_reporter_idx" ON "incidents"."incidents" USING btree ("reporter_org_id");--> statement-breakpoint
CREATE INDEX "incidents_handling_team_idx" ON "incidents"."incidents" USING btree ("handling_team_id");--> statement-breakpoint
CREATE INDEX "incidents_updated_idx" ON "incidents"."incidents" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_type_value_idx" ON "incidents"."indicators" USING btree ("type","value");--> statement-breakpoint
CREATE INDEX "recipients_org_idx" ON "incidents"."recipients" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "timeline_entries_incident_idx" ON "incidents"."timeline_entries" USING btree ("incident_id","seq");