CREATE SCHEMA "surveys";
--> statement-breakpoint
CREATE TABLE "surveys"."answers" (
	"response_id" uuid NOT NULL,
	"survey_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"choices" text[],
	"number_value" double precision,
	"text_value" text,
	"date_value" date,
	CONSTRAINT "answers_pkey" PRIMARY KEY("response_id","question_id"),
	CONSTRAINT "answers_one_value_check" CHECK (num_nonnulls("surveys"."answers"."choices", "surveys"."answers"."number_value", "surveys"."answers"."text_value", "surveys"."answers"."date_value") = 1)
);
--> statement-breakpoint
CREATE TABLE "surveys"."audience_members" (
	"survey_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_code" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"ancestor_ids" uuid[] NOT NULL,
	"province_id" uuid,
	"province_code" text,
	CONSTRAINT "audience_members_pkey" PRIMARY KEY("survey_id","org_id"),
	CONSTRAINT "audience_members_code_key" UNIQUE("survey_id","org_code")
);
--> statement-breakpoint
CREATE TABLE "surveys"."questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb,
	"min_value" double precision,
	"max_value" double precision,
	"min_date" date,
	"max_date" date,
	"max_length" integer,
	"min_choices" integer,
	"max_choices" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_code_key" UNIQUE("survey_id","code"),
	CONSTRAINT "questions_position_key" UNIQUE("survey_id","position"),
	CONSTRAINT "questions_survey_id_key" UNIQUE("survey_id","id"),
	CONSTRAINT "questions_type_check" CHECK ("surveys"."questions"."type" in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'NUMBER', 'TEXT', 'DATE')),
	CONSTRAINT "questions_options_check" CHECK (("surveys"."questions"."type" in ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')) = ("surveys"."questions"."options" is not null)
        and ("surveys"."questions"."options" is null or (jsonb_typeof("surveys"."questions"."options") = 'array' and jsonb_array_length("surveys"."questions"."options") >= 2))),
	CONSTRAINT "questions_scale_check" CHECK ("surveys"."questions"."type" <> 'SCALE' or ("surveys"."questions"."min_value" is not null and "surveys"."questions"."max_value" is not null
        and "surveys"."questions"."min_value" = trunc("surveys"."questions"."min_value") and "surveys"."questions"."max_value" = trunc("surveys"."questions"."max_value"))),
	CONSTRAINT "questions_bounds_check" CHECK (("surveys"."questions"."min_value" is null or "surveys"."questions"."max_value" is null or "surveys"."questions"."min_value" < "surveys"."questions"."max_value")
        and ("surveys"."questions"."min_date" is null or "surveys"."questions"."max_date" is null or "surveys"."questions"."min_date" <= "surveys"."questions"."max_date")
        and ("surveys"."questions"."min_choices" is null or "surveys"."questions"."max_choices" is null or "surveys"."questions"."min_choices" <= "surveys"."questions"."max_choices"))
);
--> statement-breakpoint
CREATE TABLE "surveys"."responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_key" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"draft_answers" jsonb,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responses_respondent_key" UNIQUE("survey_id","org_id","person_key"),
	CONSTRAINT "responses_identity_key" UNIQUE("id","survey_id","org_id"),
	CONSTRAINT "responses_status_check" CHECK ("surveys"."responses"."status" in ('DRAFT', 'SUBMITTED')),
	CONSTRAINT "responses_submitted_check" CHECK (("surveys"."responses"."status" = 'SUBMITTED') = ("surveys"."responses"."submitted_at" is not null)
        and ("surveys"."responses"."status" = 'DRAFT' or "surveys"."responses"."draft_answers" is null))
);
--> statement-breakpoint
CREATE TABLE "surveys"."surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"previous_version_id" uuid,
	"respondent_type" text DEFAULT 'ORGANIZATION' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"anonymity_threshold" integer DEFAULT 5 NOT NULL,
	"audience_levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience_under_id" uuid,
	"audience_under_code" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"audience_date" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_window_check" CHECK ("surveys"."surveys"."closes_at" > "surveys"."surveys"."opens_at"),
	CONSTRAINT "surveys_threshold_check" CHECK ("surveys"."surveys"."anonymity_threshold" between 2 and 1000),
	CONSTRAINT "surveys_respondent_type_check" CHECK ("surveys"."surveys"."respondent_type" in ('ORGANIZATION', 'PERSON')),
	CONSTRAINT "surveys_title_check" CHECK (length(btrim("surveys"."surveys"."title")) between 1 and 500),
	CONSTRAINT "surveys_version_check" CHECK ("surveys"."surveys"."version" >= 1),
	CONSTRAINT "surveys_published_check" CHECK (("surveys"."surveys"."published_at" is null) = ("surveys"."surveys"."audience_date" is null))
);
--> statement-breakpoint
ALTER TABLE "surveys"."answers" ADD CONSTRAINT "answers_response_fk" FOREIGN KEY ("response_id","survey_id","org_id") REFERENCES "surveys"."responses"("id","survey_id","org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys"."answers" ADD CONSTRAINT "answers_question_fk" FOREIGN KEY ("survey_id","question_id") REFERENCES "surveys"."questions"("survey_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys"."audience_members" ADD CONSTRAINT "audience_members_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "surveys"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys"."questions" ADD CONSTRAINT "questions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "surveys"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys"."responses" ADD CONSTRAINT "responses_audience_fk" FOREIGN KEY ("survey_id","org_id") REFERENCES "surveys"."audience_members"("survey_id","org_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys"."surveys" ADD CONSTRAINT "surveys_previous_version_id_surveys_id_fk" FOREIGN KEY ("previous_version_id") REFERENCES "surveys"."surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answers_survey_question_idx" ON "surveys"."answers" USING btree ("survey_id","question_id");--> statement-breakpoint
CREATE INDEX "responses_survey_status_idx" ON "surveys"."responses" USING btree ("survey_id","status");--> statement-breakpoint
CREATE INDEX "surveys_owner_idx" ON "surveys"."surveys" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "surveys_created_idx" ON "surveys"."surveys" USING btree ("created_at","id");