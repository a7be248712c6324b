-- Tamper-evident audit (issue 10): every audit row carries a hash of its content, set by the database whatever
-- the writer sent, and seals chain those hashes (packages/db/src/audit/). The expression below is repeated,
-- deliberately, in the verifier (packages/db/src/audit/row-hash.ts): verification must not trust a function
-- stored in the database it checks. Timestamps enter as epoch seconds so the session's TimeZone cannot change a hash.
CREATE FUNCTION "vetflow_audit_row_hash"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.row_hash := encode(sha256(convert_to(jsonb_build_array(
    'vetflow-audit-v1', NEW.id, extract(epoch from NEW.occurred_at)::text, NEW.user_id, NEW.action,
    NEW.table_name, NEW.record_id, NEW.old_values, NEW.new_values, NEW.changed_fields, NEW.ip::text,
    NEW.user_agent, NEW.request_id, NEW.db_user
  )::text, 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "row_hash" text;
--> statement-breakpoint
-- Rows written before this migration get their hash once; the append-only guard is lifted for this one statement.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";
--> statement-breakpoint
UPDATE "audit_log" SET "row_hash" = encode(sha256(convert_to(jsonb_build_array(
  'vetflow-audit-v1', id, extract(epoch from occurred_at)::text, user_id, action, table_name, record_id,
  old_values, new_values, changed_fields, ip::text, user_agent, request_id, db_user
)::text, 'UTF8')), 'hex');
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "row_hash" SET NOT NULL;
--> statement-breakpoint
CREATE TRIGGER "audit_log_row_hash" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_hash();
--> statement-breakpoint
CREATE TABLE "audit_seals" (
	"id" bigint PRIMARY KEY NOT NULL,
	"sealed_at" timestamp (3) with time zone NOT NULL,
	"first_id" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"row_count" integer NOT NULL,
	"late_ids" bigint[] NOT NULL,
	"gap_ids" bigint[] NOT NULL,
	"closed_ids" bigint[] NOT NULL,
	"open_ids" bigint[] NOT NULL,
	"snapshot_xmax" bigint NOT NULL,
	"rows_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"seal_hash" text NOT NULL,
	CONSTRAINT "audit_seals_prev_hash_key" UNIQUE("prev_hash")
);
--> statement-breakpoint
CREATE INDEX "audit_seals_last_id_idx" ON "audit_seals" USING btree ("last_id");
--> statement-breakpoint
CREATE FUNCTION "vetflow_audit_seals_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_seals is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege', TABLE = 'audit_seals';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_seals_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_seals" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_seals_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_seals" FROM PUBLIC;
