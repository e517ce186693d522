CREATE SCHEMA "projects";
--> statement-breakpoint
CREATE TABLE "projects"."budget_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "projects"."budget_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"previous_budget" bigint NOT NULL,
	"new_budget" bigint NOT NULL,
	"reason" text NOT NULL,
	"decision_ref" text,
	"actor_subject" text NOT NULL,
	"actor_org_id" uuid,
	"actor_org_code" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_changes_new_not_negative" CHECK ("projects"."budget_changes"."new_budget" >= 0),
	CONSTRAINT "budget_changes_differs" CHECK ("projects"."budget_changes"."new_budget" <> "projects"."budget_changes"."previous_budget"),
	CONSTRAINT "budget_changes_reason_given" CHECK (length(btrim("projects"."budget_changes"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "projects"."milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"due_on" date NOT NULL,
	"completed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestones_title_length" CHECK (length(btrim("projects"."milestones"."title")) between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "projects"."progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "projects"."progress_reports_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"percent_complete" smallint NOT NULL,
	"spent_to_date" bigint NOT NULL,
	"note" text,
	"actor_subject" text NOT NULL,
	"actor_org_id" uuid,
	"actor_org_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reports_percent_range" CHECK ("projects"."progress_reports"."percent_complete" between 0 and 100),
	CONSTRAINT "progress_reports_spending_not_negative" CHECK ("projects"."progress_reports"."spent_to_date" >= 0)
);
--> statement-breakpoint
CREATE TABLE "projects"."projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_org_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"delivery_mode" text NOT NULL,
	"contractor_org_id" uuid,
	"funding_source" text NOT NULL,
	"budget" bigint NOT NULL,
	"spent_to_date" bigint DEFAULT 0 NOT NULL,
	"percent_complete" smallint DEFAULT 0 NOT NULL,
	"last_reported_on" date,
	"status" text DEFAULT 'PROPOSED' NOT NULL,
	"planned_start_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"actual_start_on" date,
	"actual_end_on" date,
	"search_text" text GENERATED ALWAYS AS (translate(lower("projects"."projects"."code" || ' ' || "projects"."projects"."name"), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_code_format" CHECK ("projects"."projects"."code" ~ '^\S(.{0,62}\S)?$'),
	CONSTRAINT "projects_name_length" CHECK (length(btrim("projects"."projects"."name")) between 1 and 500),
	CONSTRAINT "projects_platform_known" CHECK ("projects"."projects"."platform" in ('TRAINING', 'COMMUNICATION', 'PROJECT_MANAGEMENT', 'SURVEYS', 'MONITORING', 'DATA_SHARING', 'KNOWLEDGE_MANAGEMENT', 'VIRTUAL_ASSISTANT', 'CYBERSECURITY', 'OTHER')),
	CONSTRAINT "projects_delivery_mode_known" CHECK ("projects"."projects"."delivery_mode" in ('IN_HOUSE', 'OUTSOURCED_SERVICE', 'SOCIAL_MOBILISATION')),
	CONSTRAINT "projects_funding_source_known" CHECK ("projects"."projects"."funding_source" in ('STATE_BUDGET_REGULAR', 'STATE_BUDGET_INVESTMENT', 'SOCIAL_MOBILISATION', 'ODA', 'OTHER')),
	CONSTRAINT "projects_status_known" CHECK ("projects"."projects"."status" in ('PROPOSED', 'APPROVED', 'IN_PROGRESS', 'SUSPENDED', 'COMPLETED', 'CANCELLED')),
	CONSTRAINT "projects_budget_not_negative" CHECK ("projects"."projects"."budget" >= 0),
	CONSTRAINT "projects_spending_within_budget" CHECK ("projects"."projects"."spent_to_date" >= 0 and "projects"."projects"."spent_to_date" <= "projects"."projects"."budget"),
	CONSTRAINT "projects_percent_range" CHECK ("projects"."projects"."percent_complete" between 0 and 100),
	CONSTRAINT "projects_planned_dates_order" CHECK ("projects"."projects"."planned_end_on" >= "projects"."projects"."planned_start_on"),
	CONSTRAINT "projects_actual_dates_order" CHECK ("projects"."projects"."actual_end_on" is null or "projects"."projects"."actual_start_on" is null or "projects"."projects"."actual_end_on" >= "projects"."projects"."actual_start_on"),
	CONSTRAINT "projects_in_house_without_contractor" CHECK ("projects"."projects"."delivery_mode" <> 'IN_HOUSE' or "projects"."projects"."contractor_org_id" is null),
	CONSTRAINT "projects_outsourced_started_with_contractor" CHECK (not ("projects"."projects"."delivery_mode" = 'OUTSOURCED_SERVICE' and "projects"."projects"."status" in ('IN_PROGRESS', 'SUSPENDED', 'COMPLETED') and "projects"."projects"."contractor_org_id" is null))
);
--> statement-breakpoint
CREATE TABLE "projects"."status_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "projects"."status_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"effective_on" date NOT NULL,
	"actor_subject" text NOT NULL,
	"actor_org_id" uuid,
	"actor_org_code" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_changes_allowed" CHECK (("projects"."status_changes"."from_status" is null and "projects"."status_changes"."to_status" = 'PROPOSED') or ("projects"."status_changes"."from_status" is not null and ("projects"."status_changes"."from_status", "projects"."status_changes"."to_status") in (('PROPOSED', 'APPROVED'), ('PROPOSED', 'CANCELLED'), ('APPROVED', 'IN_PROGRESS'), ('APPROVED', 'CANCELLED'), ('IN_PROGRESS', 'SUSPENDED'), ('IN_PROGRESS', 'COMPLETED'), ('IN_PROGRESS', 'CANCELLED'), ('SUSPENDED', 'IN_PROGRESS'), ('SUSPENDED', 'CANCELLED')))),
	CONSTRAINT "status_changes_reason_given" CHECK ("projects"."status_changes"."from_status" is null or length(btrim("projects"."status_changes"."reason")) > 0)
);
--> statement-breakpoint
ALTER TABLE "projects"."budget_changes" ADD CONSTRAINT "budget_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "projects"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "projects"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."progress_reports" ADD CONSTRAINT "progress_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "projects"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects"."status_changes" ADD CONSTRAINT "status_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "projects"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_changes_project_idx" ON "projects"."budget_changes" USING btree ("project_id","seq");--> statement-breakpoint
CREATE INDEX "milestones_project_idx" ON "projects"."milestones" USING btree ("project_id","due_on");--> statement-breakpoint
CREATE INDEX "milestones_open_due_idx" ON "projects"."milestones" USING btree ("due_on") WHERE "projects"."milestones"."completed_on" is null;--> statement-breakpoint
CREATE INDEX "progress_reports_project_idx" ON "projects"."progress_reports" USING btree ("project_id","reported_on","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_key" ON "projects"."projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "projects_code_order_idx" ON "projects"."projects" USING btree (("code" collate "C"),"id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects"."projects" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "projects_contractor_idx" ON "projects"."projects" USING btree ("contractor_org_id");--> statement-breakpoint
CREATE INDEX "projects_updated_at_idx" ON "projects"."projects" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "status_changes_project_idx" ON "projects"."status_changes" USING btree ("project_id","seq");