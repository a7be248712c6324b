-- Hard plausibility limits (values.ts LIMITS, as the validators say): body temperature 25–45 °C, weight above
-- 0 and at most 1,500 kg, a follow-up not dated before its visit (the visit's date where it is earliest, UTC−12).
-- A database holding older rows outside them refuses this migration: correct those records first.
ALTER TABLE "medical_records" DROP CONSTRAINT "medical_records_weight_kg_check";--> statement-breakpoint
ALTER TABLE "medical_records" DROP CONSTRAINT "medical_records_temperature_c_check";--> statement-breakpoint
ALTER TABLE "patients" DROP CONSTRAINT "patients_weight_kg_check";--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_follow_up_on_after_visit_check" CHECK ("medical_records"."follow_up_on" >= (("medical_records"."visited_at" at time zone 'UTC') - interval '12 hours')::date);--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_weight_kg_check" CHECK ("medical_records"."weight_kg" > 0 and "medical_records"."weight_kg" <= 1500);--> statement-breakpoint
ALTER TABLE "medical_records" ADD CONSTRAINT "medical_records_temperature_c_check" CHECK ("medical_records"."temperature_c" between 25 and 45);--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_weight_kg_check" CHECK ("patients"."weight_kg" > 0 and "patients"."weight_kg" <= 1500);