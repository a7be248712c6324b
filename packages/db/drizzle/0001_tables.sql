CREATE TYPE "public"."appointment_priority" AS ENUM('routine', 'urgent', 'emergency');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('scheduled', 'confirmed', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."audit_action" AS ENUM('insert', 'update', 'delete', 'login', 'login_failed', 'login_throttled', 'logout', 'password_changed', 'session_revoked');--> statement-breakpoint
CREATE TYPE "public"."patient_sex" AS ENUM('male', 'female', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'veterinarian', 'assistant');--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"veterinarian_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"priority" "appointment_priority" DEFAULT 'routine' NOT NULL,
	"status" "appointment_status" DEFAULT 'scheduled' NOT NULL,
	"checked_in_at" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"cancel_reason" text,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "appointments_time_order_check" CHECK ("appointments"."ends_at" > "appointments"."starts_at"),
	CONSTRAINT "appointments_cancel_reason_check" CHECK ("appointments"."status" <> 'cancelled' or "appointments"."cancel_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
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
	"db_user" text DEFAULT current_user NOT NULL
);
--> statement-breakpoint
CREATE TABLE "medical_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"veterinarian_id" uuid NOT NULL,
	"appointment_id" uuid,
	"amends_record_id" uuid,
	"visited_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"findings" text,
	"diagnosis" text,
	"treatment" text,
	"prescriptions" text,
	"notes" text,
	"weight_kg" numeric(7, 2),
	"temperature_c" numeric(4, 1),
	"follow_up_on" date,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "medical_records_weight_kg_check" CHECK ("medical_records"."weight_kg" > 0 and "medical_records"."weight_kg" <= 2000),
	CONSTRAINT "medical_records_temperature_c_check" CHECK ("medical_records"."temperature_c" between 25 and 48),
	CONSTRAINT "medical_records_reason_check" CHECK (length(btrim("medical_records"."reason")) > 0),
	CONSTRAINT "medical_records_not_self_amending_check" CHECK ("medical_records"."amends_record_id" <> "medical_records"."id")
);
--> statement-breakpoint
CREATE TABLE "owners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" "citext",
	"phone" text NOT NULL,
	"address" text,
	"notes" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "owners_email_check" CHECK ("owners"."email" ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "owners_phone_check" CHECK ("owners"."phone" ~ '^\+?[0-9(][0-9 ().-]{4,28}[0-9]$'),
	CONSTRAINT "owners_name_check" CHECK (length(btrim("owners"."first_name")) > 0 and length(btrim("owners"."last_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"species" text NOT NULL,
	"breed" text,
	"sex" "patient_sex" DEFAULT 'unknown' NOT NULL,
	"neutered" boolean DEFAULT false NOT NULL,
	"date_of_birth" date,
	"weight_kg" numeric(7, 2),
	"allergies" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"microchip_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"deceased_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "patients_microchip_id_key" UNIQUE("microchip_id"),
	CONSTRAINT "patients_weight_kg_check" CHECK ("patients"."weight_kg" > 0 and "patients"."weight_kg" <= 2000),
	CONSTRAINT "patients_allergies_check" CHECK (jsonb_typeof("patients"."allergies") = 'array'),
	CONSTRAINT "patients_microchip_id_check" CHECK ("patients"."microchip_id" ~ '^[0-9A-Za-z]{9,15}$'),
	CONSTRAINT "patients_name_check" CHECK (length(btrim("patients"."name")) > 0 and length(btrim("patients"."species")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "system_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" "citext" NOT NULL,
	"email" "citext" NOT NULL,
	"full_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp (3) with time zone,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"login_blocked_until" timestamp (3) with time zone,
	"password_changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "system_users_username_key" UNIQUE("username"),
	CONSTRAINT "system_users_email_key" UNIQUE("email"),
	CONSTRAINT "system_users_email_check" CHECK ("system_users"."email" ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "system_users_username_check" CHECK ("system_users"."username" ~ '^[a-zA-Z0-9._-]{3,40}$'),
	CONSTRAINT "system_users_full_name_check" CHECK (length(btrim("system_users"."full_name")) between 1 and 120),
	CONSTRAINT "system_users_failed_login_count_check" CHECK ("system_users"."failed_login_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_veterinarian_id_system_users_id_fk" FOREIGN KEY ("veterinarian_id") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_system_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_system_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_veterinarian_id_system_users_id_fk" FOREIGN KEY ("veterinarian_id") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_amends_record_id_medical_records_id_fk" FOREIGN KEY ("amends_record_id") REFERENCES "public"."medical_records"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_owner_id_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."owners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_system_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."system_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_veterinarian_starts_at_idx" ON "appointments" USING btree ("veterinarian_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_patient_starts_at_idx" ON "appointments" USING btree ("patient_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_starts_at_idx" ON "appointments" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "appointments_created_by_idx" ON "appointments" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "audit_log" USING btree ("table_name","record_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_user_occurred_at_idx" ON "audit_log" USING btree ("user_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_at_brin_idx" ON "audit_log" USING brin ("occurred_at");--> statement-breakpoint
CREATE INDEX "medical_records_patient_visited_at_idx" ON "medical_records" USING btree ("patient_id","visited_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "medical_records_veterinarian_id_idx" ON "medical_records" USING btree ("veterinarian_id");--> statement-breakpoint
CREATE INDEX "medical_records_appointment_id_idx" ON "medical_records" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "medical_records_amends_record_id_idx" ON "medical_records" USING btree ("amends_record_id");--> statement-breakpoint
CREATE INDEX "medical_records_visited_at_idx" ON "medical_records" USING btree ("visited_at");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_active_email_key" ON "owners" USING btree ("email") WHERE "owners"."is_active";--> statement-breakpoint
CREATE INDEX "owners_email_idx" ON "owners" USING btree ("email");--> statement-breakpoint
CREATE INDEX "owners_phone_idx" ON "owners" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "owners_active_name_idx" ON "owners" USING btree ("last_name","first_name") WHERE "owners"."is_active";--> statement-breakpoint
CREATE INDEX "patients_owner_id_idx" ON "patients" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "patients_active_name_idx" ON "patients" USING btree ("name") WHERE "patients"."is_active";--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");