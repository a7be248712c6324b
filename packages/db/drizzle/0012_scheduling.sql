CREATE TABLE "appointment_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" "citext" NOT NULL,
	"default_minutes" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "appointment_types_name_key" UNIQUE("name"),
	CONSTRAINT "appointment_types_name_check" CHECK (length(btrim("appointment_types"."name")) between 1 and 120),
	CONSTRAINT "appointment_types_default_minutes_check" CHECK ("appointment_types"."default_minutes" between 5 and 720)
);
--> statement-breakpoint
CREATE TABLE "clinic_settings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text,
	"opening_hours" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "clinic_settings_time_zone_check" CHECK (length("clinic_settings"."time_zone") between 1 and 64),
	CONSTRAINT "clinic_settings_opening_hours_check" CHECK (jsonb_array_length("clinic_settings"."opening_hours") = 7)
);
--> statement-breakpoint
CREATE TABLE "veterinarian_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"veterinarian_id" uuid NOT NULL,
	"working_days" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT date_trunc('milliseconds', now()) NOT NULL,
	CONSTRAINT "veterinarian_schedules_veterinarian_id_key" UNIQUE("veterinarian_id")
);
--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "appointment_type_id" uuid;--> statement-breakpoint
ALTER TABLE "veterinarian_schedules" ADD CONSTRAINT "veterinarian_schedules_veterinarian_id_system_users_id_fk" FOREIGN KEY ("veterinarian_id") REFERENCES "public"."system_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_appointment_type_id_appointment_types_id_fk" FOREIGN KEY ("appointment_type_id") REFERENCES "public"."appointment_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_appointment_type_id_idx" ON "appointments" USING btree ("appointment_type_id");