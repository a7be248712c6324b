-- What Drizzle cannot express: the double-booking exclusion, booking rules, trigram indexes,
-- updated_at maintenance, the audit triggers and the append-only guard on audit_log.

-- A veterinarian is never double-booked: every status but cancelled/no_show holds the slot; [start, end) so
-- back-to-back appointments touch without overlapping.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_double_booking"
  EXCLUDE USING gist ("veterinarian_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" NOT IN ('cancelled', 'no_show'));
--> statement-breakpoint

-- Search as you type: trigram indexes on exactly the expressions the queries search
-- (packages/db/src/queries/search-expressions.ts).
CREATE INDEX "owners_search_trgm_idx" ON "owners" USING gin
  (("first_name" || ' ' || "last_name" || ' ' || coalesce("email"::text, '') || ' ' || "phone") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "patients_name_trgm_idx" ON "patients" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint

-- Sign-in bookkeeping is not a data change: it neither bumps updated_at nor writes an audit row
-- (the auth events in audit_log cover it).
CREATE FUNCTION "vetflow_bookkeeping_columns"() RETURNS text[] LANGUAGE sql IMMUTABLE
  AS $$ SELECT ARRAY['updated_at', 'last_login_at', 'failed_login_count', 'login_blocked_until'] $$;
--> statement-breakpoint

-- updated_at is the version token for stale-edit checks: strictly increasing, millisecond precision
-- (what a browser's Date can carry back).
CREATE FUNCTION "vetflow_touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - vetflow_bookkeeping_columns()) IS DISTINCT FROM (to_jsonb(OLD) - vetflow_bookkeeping_columns()) THEN
    NEW.updated_at := greatest(date_trunc('milliseconds', clock_timestamp()), OLD.updated_at + interval '1 millisecond');
  ELSE
    NEW.updated_at := OLD.updated_at;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "owners_touch_updated_at" BEFORE UPDATE ON "owners" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "patients_touch_updated_at" BEFORE UPDATE ON "patients" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "appointments_touch_updated_at" BEFORE UPDATE ON "appointments" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "medical_records_touch_updated_at" BEFORE UPDATE ON "medical_records" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "system_users_touch_updated_at" BEFORE UPDATE ON "system_users" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint

-- Booking rules that hold whoever writes the row: the patient is alive and active, the vet is an active
-- veterinarian. Raised as check violations with a constraint name so the API maps them like any CHECK.
CREATE FUNCTION "vetflow_appointment_bookable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('cancelled', 'no_show', 'completed') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.patient_id IS DISTINCT FROM OLD.patient_id OR NEW.starts_at IS DISTINCT FROM OLD.starts_at THEN
    IF EXISTS (SELECT 1 FROM patients p WHERE p.id = NEW.patient_id AND (p.deceased_at IS NOT NULL OR NOT p.is_active)) THEN
      RAISE EXCEPTION 'the patient is deceased or inactive and cannot be booked'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'appointments_patient_bookable', TABLE = 'appointments';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.veterinarian_id IS DISTINCT FROM OLD.veterinarian_id THEN
    IF NOT EXISTS (SELECT 1 FROM system_users u WHERE u.id = NEW.veterinarian_id AND u.role = 'veterinarian' AND u.is_active) THEN
      RAISE EXCEPTION 'appointments are booked with an active veterinarian'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'appointments_veterinarian_check', TABLE = 'appointments';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "appointments_bookable" BEFORE INSERT OR UPDATE ON "appointments" FOR EACH ROW EXECUTE FUNCTION vetflow_appointment_bookable();
--> statement-breakpoint

-- Medical records are part of the legal record: never deleted (corrections are amendments or addenda).
CREATE FUNCTION "vetflow_refuse_medical_record_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'medical records are never deleted; add an addendum instead'
    USING ERRCODE = 'restrict_violation', CONSTRAINT = 'medical_records_never_deleted', TABLE = 'medical_records';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "medical_records_never_deleted" BEFORE DELETE OR TRUNCATE ON "medical_records" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_refuse_medical_record_delete();
--> statement-breakpoint

-- The audit trail, written in the same transaction as the change. The actor and request come from
-- transaction-local settings the API sets (set_config(..., true)); outside the API they are empty, so the
-- row has a null user and db_user (current_user) tells who it was. Secrets never enter the log.
CREATE FUNCTION "vetflow_audit_row_change"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  secret_columns constant text[] := ARRAY['password_hash'];
  old_row jsonb;
  new_row jsonb;
  changed text[];
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - secret_columns; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - secret_columns; END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.key ORDER BY n.key) INTO changed
      FROM jsonb_each(new_row) AS n
     WHERE n.key <> ALL (vetflow_bookkeeping_columns())
       AND n.value IS DISTINCT FROM old_row -> n.key;
    IF changed IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO audit_log (user_id, action, table_name, record_id, old_values, new_values, changed_fields, ip, user_agent, request_id, db_user)
  VALUES (
    nullif(current_setting('app.user_id', true), '')::uuid,
    lower(TG_OP)::audit_action,
    TG_TABLE_NAME,
    coalesce(new_row ->> 'id', old_row ->> 'id')::uuid,
    old_row,
    new_row,
    changed,
    nullif(current_setting('app.ip', true), '')::inet,
    nullif(current_setting('app.user_agent', true), ''),
    nullif(current_setting('app.request_id', true), ''),
    session_user
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "owners_audit" AFTER INSERT OR UPDATE OR DELETE ON "owners" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "patients_audit" AFTER INSERT OR UPDATE OR DELETE ON "patients" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "appointments_audit" AFTER INSERT OR UPDATE OR DELETE ON "appointments" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "medical_records_audit" AFTER INSERT OR UPDATE OR DELETE ON "medical_records" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "system_users_audit" AFTER INSERT OR UPDATE OR DELETE ON "system_users" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint

-- audit_log is append-only for everyone, its owner and superusers included (a trigger, not only a REVOKE).
CREATE FUNCTION "vetflow_audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege', TABLE = 'audit_log';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_log_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
