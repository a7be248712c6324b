-- Audit log for high write (issue 12): audit_log becomes PARTITION BY RANGE (occurred_at), one partition per UTC
-- month, plus a DEFAULT partition so that an insert never fails for want of a month (a clock far off, a server
-- that did not run for months). drizzle-kit cannot express partitioning: the schema file stays the source of the
-- columns and indexes, this hand SQL makes the table partitioned. Everything else is kept: every row with its id
-- and row_hash (so every seal still verifies), the identity sequence's position, the triggers (row hash, the
-- append-only refusals, the change events), the foreign key, the indexes (now partitioned ones), the view.
--
-- What changed: the primary key is (id, occurred_at), because a partitioned table's unique constraints must
-- contain the partition key. id alone is no longer a constraint, but it is still unique by construction: only the
-- identity sequence sets it (GENERATED ALWAYS; only the owner could override it, and the verifier would then
-- report the row as inserted into a sealed range). The PK index still serves every lookup and range by id (the
-- sealer's and verifier's "id > x order by id", the timeline's keyset), one index scan per partition.
--
-- Privileges are checked on the parent when a partition is reached through it; partitions themselves get no
-- grant at all (roles.ts skips them, and REVOKE ALL ON ALL TABLES clears any), so nobody but the owner reaches
-- a partition directly. Statement-level triggers are not inherited by partitions: each partition gets its own
-- append-only trigger from vetflow_ensure_audit_partitions.
DROP VIEW "record_changes";
--> statement-breakpoint
ALTER TABLE "audit_log" RENAME TO "audit_log_unpartitioned";
--> statement-breakpoint
ALTER SEQUENCE "audit_log_id_seq" RENAME TO "audit_log_unpartitioned_id_seq";
--> statement-breakpoint
ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "audit_log_pkey" TO "audit_log_unpartitioned_pkey";
--> statement-breakpoint
DROP INDEX "audit_log_record_idx";
--> statement-breakpoint
DROP INDEX "audit_log_user_occurred_at_idx";
--> statement-breakpoint
DROP INDEX "audit_log_action_idx";
--> statement-breakpoint
DROP INDEX "audit_log_occurred_at_brin_idx";
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" "audit_action" NOT NULL,
	"table_name" text,
	"record_id" uuid,
	"old_values" jsonb,
	"new_values" jsonb,
	"changed_fields" text[],
	"ip" "inet",
	"user_agent" text,
	"request_id" text,
	"db_user" text DEFAULT current_user NOT NULL,
	"row_hash" text NOT NULL,
	CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
COMMENT ON TABLE "audit_log" IS 'Partitioned by UTC month on occurred_at (migration 0021); partitions are made by vetflow_ensure_audit_partitions, old months archived by pnpm audit:archive.';
--> statement-breakpoint
-- The append-only refusal of one partition (statement triggers are not inherited). Owner only.
CREATE FUNCTION "vetflow_guard_audit_partition"(partition regclass) RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_log_append_only()', partition);
  EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', partition);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "vetflow_guard_audit_partition"(regclass) FROM PUBLIC;
--> statement-breakpoint
-- Makes the DEFAULT partition and one partition per UTC month from `since` (default: this month) through
-- `months_ahead` months after this one; returns how many it made. Idempotent and cheap when there is nothing to
-- do: start-up (migrate) and the API's daily integrity pass call it. SECURITY DEFINER, so the runtime role may
-- call it without any DDL right of its own (it can only make months within ten years back and two years ahead).
-- A month's partition cannot be attached while the DEFAULT partition holds rows of that month: such rows (written
-- while the month had no partition) are moved into the new partition in the same transaction, with their ids
-- and hashes unchanged and without firing the row triggers again (they were written once, and notified once).
CREATE FUNCTION "vetflow_ensure_audit_partitions"(months_ahead integer DEFAULT 3, since timestamptz DEFAULT NULL)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  month timestamp := date_trunc('month', coalesce(least(since, now()), now()) AT TIME ZONE 'UTC');
  last_month timestamp;
  name text;
  made integer := 0;
BEGIN
  -- Bounded, so that no caller can make thousands of partitions (each one costs every query on the log a little).
  IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 24 THEN
    RAISE EXCEPTION 'months_ahead must be 0 to 24, not %', months_ahead USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF month < this_month - interval '120 months' THEN
    RAISE EXCEPTION 'since may go back 120 months at most' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  last_month := this_month + make_interval(months => months_ahead);
  -- Two callers (start-up beside the API's daily call) take turns.
  PERFORM pg_advisory_xact_lock(hashtext('vetflow_ensure_audit_partitions'));
  IF to_regclass('public.audit_log_default') IS NULL THEN
    CREATE TABLE "audit_log_default" PARTITION OF "audit_log" DEFAULT;
    PERFORM vetflow_guard_audit_partition('audit_log_default'::regclass);
  END IF;
  WHILE month <= last_month LOOP
    name := 'audit_log_' || to_char(month, 'YYYY_MM');
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'audit_log'::regclass AND c.relname = name) THEN
      PERFORM vetflow_make_audit_partition(name, month);
      made := made + 1;
    END IF;
    month := month + interval '1 month';
  END LOOP;
  RETURN made;
END
$$;
--> statement-breakpoint
-- One month's partition, [month, month + 1) in UTC; moves that month's rows out of the DEFAULT partition first.
CREATE FUNCTION "vetflow_make_audit_partition"(name text, month timestamp) RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  lower_bound timestamptz := month AT TIME ZONE 'UTC';
  upper_bound timestamptz := (month + interval '1 month') AT TIME ZONE 'UTC';
  strays bigint;
BEGIN
  SELECT count(*) INTO strays FROM audit_log_default WHERE occurred_at >= lower_bound AND occurred_at < upper_bound;
  IF strays > 0 THEN
    CREATE TEMP TABLE vetflow_audit_strays ON COMMIT DROP AS
      SELECT * FROM audit_log_default WHERE occurred_at >= lower_bound AND occurred_at < upper_bound;
    -- The only DELETE ever run on the log: rows move, none is lost (the same transaction inserts them below).
    ALTER TABLE audit_log_default DISABLE TRIGGER audit_log_append_only;
    DELETE FROM audit_log_default WHERE occurred_at >= lower_bound AND occurred_at < upper_bound;
    ALTER TABLE audit_log_default ENABLE TRIGGER audit_log_append_only;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', name, lower_bound, upper_bound);
  PERFORM vetflow_guard_audit_partition(name::regclass);
  IF strays > 0 THEN
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', name);
    EXECUTE format('INSERT INTO %I OVERRIDING SYSTEM VALUE SELECT * FROM vetflow_audit_strays', name);
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', name);
    DROP TABLE vetflow_audit_strays;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "vetflow_make_audit_partition"(text, timestamp) FROM PUBLIC;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "vetflow_ensure_audit_partitions"(integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
-- Every month the old rows span (ten years at most: older rows, if any, stay in the DEFAULT partition), and three
-- ahead; then the rows, as they were (no trigger on the new table yet: their hashes are kept, not recomputed, and
-- no change event is sent for old rows).
SELECT vetflow_ensure_audit_partitions(3, greatest(coalesce((SELECT min("occurred_at") FROM "audit_log_unpartitioned"), now()), now() - interval '120 months'));
--> statement-breakpoint
INSERT INTO "audit_log" OVERRIDING SYSTEM VALUE SELECT * FROM "audit_log_unpartitioned";
--> statement-breakpoint
SELECT setval('audit_log_id_seq', "last_value", "is_called") FROM "audit_log_unpartitioned_id_seq";
--> statement-breakpoint
DROP TABLE "audit_log_unpartitioned";
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_system_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "audit_log" USING btree ("table_name","record_id","occurred_at" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "audit_log_user_occurred_at_idx" ON "audit_log" USING btree ("user_id","occurred_at" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");
--> statement-breakpoint
CREATE INDEX "audit_log_occurred_at_brin_idx" ON "audit_log" USING brin ("occurred_at");
--> statement-breakpoint
CREATE TRIGGER "audit_log_row_hash" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_hash();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_log_notify_change" AFTER INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_audit_row();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
--> statement-breakpoint
CREATE VIEW "record_changes" AS
  SELECT "id", "table_name", "record_id", "user_id", "occurred_at" FROM "audit_log";
