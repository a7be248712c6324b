-- Every stored date lies in the clinic's range (values.ts DATE_RANGE / DATETIME_RANGE, as the validators say);
-- the email CHECKs take the linear form of the same pattern (the same language, see values.ts EMAIL_PATTERN).
ALTER TABLE "owners" DROP CONSTRAINT "owners_email_check";--> statement-breakpoint
ALTER TABLE "system_users" DROP CONSTRAINT "system_users_email_check";--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_starts_at_range_check" CHECK ("appointments"."starts_at" between '1900-01-01T00:00:00.000Z'::timestamptz and '2200-12-31T23:59:59.999Z'::timestamptz);--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_ends_at_range_check" CHECK ("appointments"."ends_at" between '1900-01-01T00:00:00.000Z'::timestamptz and '2200-12-31T23:59:59.999Z'::timestamptz);--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_visited_at_range_check" CHECK ("medical_records"."visited_at" between '1900-01-01T00:00:00.000Z'::timestamptz and '2200-12-31T23:59:59.999Z'::timestamptz);--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_follow_up_on_range_check" CHECK ("medical_records"."follow_up_on" between '1900-01-01'::date and '2200-12-31'::date);--> statement-breakpoint
ALTER TABLE "owners" ADD CONSTRAINT "owners_email_check" CHECK ("owners"."email" ~* '^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$');--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_date_of_birth_range_check" CHECK ("patients"."date_of_birth" between '1900-01-01'::date and '2200-12-31'::date);--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_deceased_at_range_check" CHECK ("patients"."deceased_at" between '1900-01-01T00:00:00.000Z'::timestamptz and '2200-12-31T23:59:59.999Z'::timestamptz);--> statement-breakpoint
ALTER TABLE "system_users" ADD CONSTRAINT "system_users_email_check" CHECK ("system_users"."email" ~* '^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$');