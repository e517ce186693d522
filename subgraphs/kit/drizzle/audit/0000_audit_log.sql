CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"org_code" text NOT NULL,
	"client_id" text NOT NULL,
	"subgraph" text NOT NULL,
	"operation_name" text,
	"action" text NOT NULL,
	"record_ids" text[] NOT NULL,
	"outcome" text NOT NULL,
	"request_id" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_at_idx" ON "audit"."events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "audit"."events" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "events_org_idx" ON "audit"."events" USING btree ("org_code");