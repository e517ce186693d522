CREATE SCHEMA "network";
--> statement-breakpoint
CREATE TABLE "network"."imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"effective" date NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"format" text NOT NULL,
	"continued" integer NOT NULL,
	"opened" integer NOT NULL,
	"closed" integer NOT NULL,
	"links" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network"."memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"person_id" uuid,
	"note" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_validity_ck" CHECK ("network"."memberships"."valid_to" is null or "network"."memberships"."valid_to" >= "network"."memberships"."valid_from")
);
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
CREATE TABLE "network"."organization_links" (
	"predecessor_id" uuid NOT NULL,
	"successor_id" uuid NOT NULL,
	"effective_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_links_predecessor_id_successor_id_pk" PRIMARY KEY("predecessor_id","successor_id"),
	CONSTRAINT "organization_links_distinct_ck" CHECK ("network"."organization_links"."predecessor_id" <> "network"."organization_links"."successor_id")
);
--> statement-breakpoint
CREATE TABLE "network"."organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"unit_type" text,
	"parent_id" uuid,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source" text NOT NULL,
	"search_key" text NOT NULL,
	"search_key_short" text NOT NULL,
	"it_unit_decision_number" text,
	"it_unit_decision_date" date,
	"platform_access_granted_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_validity_ck" CHECK ("network"."organizations"."valid_to" is null or "network"."organizations"."valid_to" >= "network"."organizations"."valid_from"),
	CONSTRAINT "organizations_level_ck" CHECK ("network"."organizations"."level" in ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'COMMUNITY', 'ENTERPRISE')),
	CONSTRAINT "organizations_decision_ck" CHECK (("network"."organizations"."it_unit_decision_number" is null) = ("network"."organizations"."it_unit_decision_date" is null))
);
--> statement-breakpoint
CREATE TABLE "network"."people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"position" text,
	"organization_id" uuid NOT NULL,
	"email" text,
	"phone" text,
	"national_id" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_validity_ck" CHECK ("network"."people"."valid_to" is null or "network"."people"."valid_to" >= "network"."people"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "network"."steering_committee_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"committee_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steering_committee_members_role_ck" CHECK ("network"."steering_committee_members"."role" in ('CHAIR', 'VICE_CHAIR', 'MEMBER')),
	CONSTRAINT "steering_committee_members_validity_ck" CHECK ("network"."steering_committee_members"."valid_to" is null or "network"."steering_committee_members"."valid_to" >= "network"."steering_committee_members"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "network"."steering_committees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"decision_number" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steering_committees_validity_ck" CHECK ("network"."steering_committees"."valid_to" is null or "network"."steering_committees"."valid_to" >= "network"."steering_committees"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "network"."memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "network"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."organization_links" ADD CONSTRAINT "organization_links_predecessor_id_organizations_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."organization_links" ADD CONSTRAINT "organization_links_successor_id_organizations_id_fk" FOREIGN KEY ("successor_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."organizations" ADD CONSTRAINT "organizations_parent_id_organizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."people" ADD CONSTRAINT "people_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."steering_committee_members" ADD CONSTRAINT "steering_committee_members_committee_id_steering_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "network"."steering_committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."steering_committee_members" ADD CONSTRAINT "steering_committee_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "network"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network"."steering_committees" ADD CONSTRAINT "steering_committees_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "network"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_kind_effective_idx" ON "network"."imports" USING btree ("kind","effective");--> statement-breakpoint
CREATE INDEX "memberships_organization_idx" ON "network"."memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "network"."memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "memberships_updated_idx" ON "network"."memberships" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "org_tree_code_idx" ON "network"."org_tree" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "org_tree_parent_idx" ON "network"."org_tree" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_tree_ancestors_idx" ON "network"."org_tree" USING gin ("ancestor_ids");--> statement-breakpoint
CREATE INDEX "organization_links_successor_idx" ON "network"."organization_links" USING btree ("successor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_code_from_uq" ON "network"."organizations" USING btree ("code","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_open_code_uq" ON "network"."organizations" USING btree ("code") WHERE "network"."organizations"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "network"."organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organizations_level_idx" ON "network"."organizations" USING btree ("level","valid_from");--> statement-breakpoint
CREATE INDEX "organizations_updated_idx" ON "network"."organizations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "organizations_search_prefix_idx" ON "network"."organizations" USING btree ("search_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organizations_search_short_prefix_idx" ON "network"."organizations" USING btree ("search_key_short" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organizations_search_trgm_idx" ON "network"."organizations" USING gist ("search_key" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_organization_idx" ON "network"."people" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "people_updated_idx" ON "network"."people" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "people_name_trgm_idx" ON "network"."people" USING gist ("name_key" gist_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "people_national_id_uq" ON "network"."people" USING btree ("national_id") WHERE "network"."people"."national_id" is not null;--> statement-breakpoint
CREATE INDEX "steering_committee_members_committee_idx" ON "network"."steering_committee_members" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "steering_committee_members_person_idx" ON "network"."steering_committee_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "steering_committee_members_chair_uq" ON "network"."steering_committee_members" USING btree ("committee_id") WHERE "network"."steering_committee_members"."role" = 'CHAIR' and "network"."steering_committee_members"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "steering_committee_members_open_uq" ON "network"."steering_committee_members" USING btree ("committee_id","person_id") WHERE "network"."steering_committee_members"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "steering_committees_open_uq" ON "network"."steering_committees" USING btree ("organization_id") WHERE "network"."steering_committees"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "steering_committees_updated_idx" ON "network"."steering_committees" USING btree ("updated_at");