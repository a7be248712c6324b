CREATE TABLE "audit_archived_rows" (
	"id" bigint PRIMARY KEY NOT NULL,
	"row_hash" text NOT NULL,
	"archive_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_archives" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_archives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"month" text NOT NULL,
	"partition_name" text NOT NULL,
	"archived_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"row_count" integer NOT NULL,
	"first_id" bigint,
	"last_id" bigint,
	"rows_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"first_seal_id" bigint,
	"last_seal_id" bigint,
	"prev_seal_hash" text,
	"last_seal_hash" text,
	"whole_seals" jsonb NOT NULL,
	CONSTRAINT "audit_archives_month_unique" UNIQUE("month")
);
--> statement-breakpoint
ALTER TABLE "audit_archived_rows" ADD CONSTRAINT "audit_archived_rows_archive_id_audit_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."audit_archives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_archived_rows_archive_id_idx" ON "audit_archived_rows" USING btree ("archive_id");--> statement-breakpoint
-- pnpm audit:archive (issue 12): the record of each archived month, and the archived rows' hashes that seals still
-- covering live rows need. Append-only like the log and its seals: the record is what tells the verifier that a
-- month's rows were archived and not deleted.
CREATE FUNCTION "vetflow_audit_archives_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege', TABLE = TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_archives_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_archives" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_archives_append_only();
--> statement-breakpoint
CREATE TRIGGER "audit_archived_rows_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_archived_rows" FOR EACH STATEMENT EXECUTE FUNCTION vetflow_audit_archives_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_archives", "audit_archived_rows" FROM PUBLIC;
--> statement-breakpoint
-- Where an archived month's detached partition is kept (no grant to anyone) until the DBA drops it, once its
-- file is stored safely elsewhere: the file and the record are enough to verify and restore it.
CREATE SCHEMA IF NOT EXISTS "audit_archive";
--> statement-breakpoint
REVOKE ALL ON SCHEMA "audit_archive" FROM PUBLIC;
