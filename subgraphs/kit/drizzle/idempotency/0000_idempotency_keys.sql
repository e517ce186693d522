CREATE SCHEMA "idempotency";
--> statement-breakpoint
CREATE TABLE "idempotency"."keys" (
	"subgraph" text NOT NULL,
	"client_id" text NOT NULL,
	"subject" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_body" text,
	"http_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "keys_subgraph_client_id_subject_key_pk" PRIMARY KEY("subgraph","client_id","subject","key")
);
--> statement-breakpoint
CREATE INDEX "keys_expires_at_idx" ON "idempotency"."keys" USING btree ("expires_at");