-- Defence in depth: what PostgreSQL itself enforces of the role matrix, whichever query runs. The per-database
-- roles and their grants are applied after every migration (src/role-grants.ts, src/roles.ts), because role
-- names are cluster-wide and carry the database's name; what follows names no role: row-level security reads
-- the acting user the API sets in each transaction (app.user_id), and the views and functions run as their
-- owner. The owner (migrations, the demo seed, a DBA in psql) is not subject to row-level security.

-- The acting user of this transaction ('' once a transaction-local setting has expired reads as null).
CREATE FUNCTION "vetflow_acting_user"() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
-- The request's "now": the API's clock (tests move it), else the transaction's start.
CREATE FUNCTION "vetflow_acting_now"() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now())
$$;
--> statement-breakpoint
-- The acting user's staff role as the database knows it (an inactive account has none). SECURITY DEFINER: it
-- reads system_users as the owner, so policies on system_users itself can use it without recursion.
CREATE FUNCTION "vetflow_acting_role"() RETURNS user_role LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT u.role FROM system_users u WHERE u.id = vetflow_acting_user() AND u.is_active
$$;
--> statement-breakpoint

-- Medical records: a veterinarian writes records in their own name and amends only their own, within 24 hours
-- of writing them (after that, corrections are addenda). Reading is limited by column privileges instead.
ALTER TABLE "medical_records" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "medical_records_read" ON "medical_records" FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY "medical_records_written_by_the_acting_vet" ON "medical_records" FOR INSERT
  WITH CHECK ("veterinarian_id" = vetflow_acting_user());
--> statement-breakpoint
CREATE POLICY "medical_records_amended_by_their_author_within_24_hours" ON "medical_records" FOR UPDATE
  USING ("veterinarian_id" = vetflow_acting_user() AND "created_at" > vetflow_acting_now() - interval '24 hours')
  WITH CHECK ("veterinarian_id" = vetflow_acting_user());
--> statement-breakpoint

-- Staff accounts: everyone sees who the staff are (column privileges decide which columns); an account is
-- changed by its own user (profile, password, sign-in time) or by an admin, and created only by an admin.
ALTER TABLE "system_users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "system_users_read" ON "system_users" FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY "system_users_created_by_an_admin" ON "system_users" FOR INSERT
  WITH CHECK (vetflow_acting_role() = 'admin');
--> statement-breakpoint
CREATE POLICY "system_users_changed_by_themselves_or_an_admin" ON "system_users" FOR UPDATE
  USING ("id" = vetflow_acting_user() OR vetflow_acting_role() = 'admin');
--> statement-breakpoint

-- What an assistant may read of a visit: date, vet, reason, follow-up. A view runs as its owner, so it reads
-- the table whatever the reader's column privileges; it is granted where the table's clinical columns are not.
CREATE VIEW "medical_records_summary" AS
  SELECT "id", "patient_id", "veterinarian_id", "appointment_id", "amends_record_id", "visited_at", "reason",
         "follow_up_on", "created_at", "updated_at"
    FROM "medical_records";
--> statement-breakpoint

-- One's own account in full (email, last sign-in…), for the roles that see only names and roles of the others.
CREATE VIEW "own_account" WITH (security_barrier) AS
  SELECT "id", "username", "email", "full_name", "role", "is_active", "last_login_at", "password_changed_at",
         "created_at", "updated_at"
    FROM "system_users"
   WHERE "id" = vetflow_acting_user();
--> statement-breakpoint

-- Who changed a record and when, without the values: what a stale-edit refusal tells every role. The full
-- audit log is the admins'.
CREATE VIEW "record_changes" AS
  SELECT "id", "table_name", "record_id", "user_id", "occurred_at" FROM "audit_log";
--> statement-breakpoint

-- Auth events (sign-in, sign-out, throttling, password and session changes) are the only audit rows not written
-- by a row trigger. Nobody but the owner inserts into audit_log: the API calls this function, which writes only
-- those actions, attributed to the transaction's acting user (none before a sign-in succeeds), with the
-- database's own time.
CREATE FUNCTION "vetflow_record_auth_event"(
  event_action audit_action, subject uuid, details jsonb, client_ip inet, client_user_agent text, request text
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF event_action IN ('insert', 'update', 'delete') THEN
    RAISE EXCEPTION 'only auth events may be recorded this way, not %', event_action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO audit_log (user_id, action, table_name, record_id, new_values, ip, user_agent, request_id, db_user)
  VALUES (vetflow_acting_user(), event_action, CASE WHEN subject IS NULL THEN NULL ELSE 'system_users' END, subject, details,
          client_ip, left(client_user_agent, 500), request, session_user);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "vetflow_record_auth_event"(audit_action, uuid, jsonb, inet, text, text) FROM PUBLIC;
