CREATE SCHEMA "network";
--> statement-breakpoint
CREATE TABLE "network"."org_tree" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"ancestor_ids" uuid[] NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE INDEX "org_tree_code_idx" ON "network"."org_tree" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "org_tree_parent_idx" ON "network"."org_tree" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_tree_ancestors_idx" ON "network"."org_tree" USING gin ("ancestor_ids");