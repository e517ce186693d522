-- Invariants drizzle-kit cannot express: a published survey is frozen, its audience never
-- changes, and responses are written only inside the survey's window. Each trigger raises a
-- message starting with the subgraph's error code, which the resolvers map to a coded error.
CREATE FUNCTION "surveys"."guard_survey"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.published_at IS NOT NULL THEN
      RAISE EXCEPTION 'SURVEYS_FROZEN: survey % is published and cannot be deleted', OLD.id;
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.published_at IS NULL THEN
    RETURN NEW;
  END IF;
  -- Only the closing time (and updated_at) of a published survey may change.
  IF (NEW.owner_org_id, NEW.title, NEW.description, NEW.version, NEW.previous_version_id,
      NEW.respondent_type, NEW.anonymous, NEW.anonymity_threshold, NEW.audience_levels,
      NEW.audience_kinds, NEW.audience_under_id, NEW.audience_under_code, NEW.opens_at,
      NEW.published_at, NEW.audience_date, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.owner_org_id, OLD.title, OLD.description, OLD.version, OLD.previous_version_id,
      OLD.respondent_type, OLD.anonymous, OLD.anonymity_threshold, OLD.audience_levels,
      OLD.audience_kinds, OLD.audience_under_id, OLD.audience_under_code, OLD.opens_at,
      OLD.published_at, OLD.audience_date, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'SURVEYS_FROZEN: survey % is published and its definition cannot change', OLD.id;
  END IF;
  -- A closed survey never reopens: its results may already have been released.
  IF NEW.closes_at IS DISTINCT FROM OLD.closes_at AND (OLD.closes_at <= now() OR NEW.closes_at < now()) THEN
    RAISE EXCEPTION 'SURVEYS_CLOSED: survey % closed at %', OLD.id, OLD.closes_at;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "surveys_guard" BEFORE UPDATE OR DELETE ON "surveys"."surveys"
  FOR EACH ROW EXECUTE FUNCTION "surveys"."guard_survey"();
--> statement-breakpoint
CREATE FUNCTION "surveys"."guard_question"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
  published timestamptz;
BEGIN
  IF TG_OP = 'DELETE' THEN
    target := OLD.survey_id;
  ELSE
    target := NEW.survey_id;
  END IF;
  -- On a cascading delete of a draft the survey row may already be gone; published is null then.
  SELECT published_at INTO published FROM "surveys"."surveys" WHERE id = target;
  IF published IS NOT NULL THEN
    RAISE EXCEPTION 'SURVEYS_FROZEN: survey % is published and its questions cannot change', target;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.survey_id IS DISTINCT FROM OLD.survey_id THEN
    RAISE EXCEPTION 'SURVEYS_FROZEN: a question cannot move to another survey';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "questions_guard" BEFORE INSERT OR UPDATE OR DELETE ON "surveys"."questions"
  FOR EACH ROW EXECUTE FUNCTION "surveys"."guard_question"();
--> statement-breakpoint
CREATE FUNCTION "surveys"."guard_audience_member"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM "surveys"."surveys" WHERE id = NEW.survey_id AND published_at IS NOT NULL) THEN
      RAISE EXCEPTION 'SURVEYS_FROZEN: survey % is published and its audience cannot change', NEW.survey_id;
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'SURVEYS_FROZEN: the audience of survey % cannot change', OLD.survey_id;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audience_members_guard" BEFORE INSERT OR UPDATE OR DELETE ON "surveys"."audience_members"
  FOR EACH ROW EXECUTE FUNCTION "surveys"."guard_audience_member"();
--> statement-breakpoint
-- Answers have no trigger of their own: every write of answers rewrites their response row in
-- the same transaction, and this trigger checks that row.
CREATE FUNCTION "surveys"."guard_response"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  survey record;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.survey_id, NEW.org_id, NEW.person_key) IS DISTINCT FROM (OLD.survey_id, OLD.org_id, OLD.person_key) THEN
    RAISE EXCEPTION 'SURVEYS_FROZEN: a response cannot change its survey or respondent';
  END IF;
  SELECT published_at, opens_at, closes_at INTO survey FROM "surveys"."surveys" WHERE id = NEW.survey_id;
  IF survey.published_at IS NULL THEN
    RAISE EXCEPTION 'SURVEYS_NOT_PUBLISHED: survey % is a draft', NEW.survey_id;
  END IF;
  IF now() >= survey.closes_at THEN
    RAISE EXCEPTION 'SURVEYS_CLOSED: survey % closed at %', NEW.survey_id, survey.closes_at;
  END IF;
  IF NEW.status = 'SUBMITTED' AND now() < survey.opens_at THEN
    RAISE EXCEPTION 'SURVEYS_NOT_YET_OPEN: survey % opens at %', NEW.survey_id, survey.opens_at;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "responses_guard" BEFORE INSERT OR UPDATE ON "surveys"."responses"
  FOR EACH ROW EXECUTE FUNCTION "surveys"."guard_response"();
