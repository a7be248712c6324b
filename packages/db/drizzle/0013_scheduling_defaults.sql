-- Defaults first, then the triggers: the rows a migration ships are part of the schema, not a change anyone made
-- (the audit log starts with what people and the seed do).
-- Every clinic starts with the usual kinds of appointment (admins edit them) and one settings row: Monday to
-- Friday 08:00–18:00, closed at the weekend (values.ts DEFAULT_OPENING_HOURS), the time zone left to the
-- server's until an admin chooses one.
INSERT INTO "appointment_types" ("name", "default_minutes") VALUES
  ('Consultation', 20),
  ('Vaccination', 15),
  ('Follow-up', 15),
  ('Dental', 60),
  ('Surgery', 120),
  ('Emergency', 30),
  ('Grooming', 45)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "clinic_settings" ("id", "time_zone", "opening_hours") VALUES (
  '00000000-0000-4000-8000-00000000c11c',
  NULL,
  '[{"open":"08:00","close":"18:00"},{"open":"08:00","close":"18:00"},{"open":"08:00","close":"18:00"},{"open":"08:00","close":"18:00"},{"open":"08:00","close":"18:00"},null,null]'::jsonb
) ON CONFLICT DO NOTHING;
--> statement-breakpoint

-- The scheduling tables keep their version token and are audited like the others (0002).
CREATE TRIGGER "appointment_types_touch_updated_at" BEFORE UPDATE ON "appointment_types" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "clinic_settings_touch_updated_at" BEFORE UPDATE ON "clinic_settings" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "veterinarian_schedules_touch_updated_at" BEFORE UPDATE ON "veterinarian_schedules" FOR EACH ROW EXECUTE FUNCTION vetflow_touch_updated_at();
--> statement-breakpoint
CREATE TRIGGER "appointment_types_audit" AFTER INSERT OR UPDATE OR DELETE ON "appointment_types" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "clinic_settings_audit" AFTER INSERT OR UPDATE OR DELETE ON "clinic_settings" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
CREATE TRIGGER "veterinarian_schedules_audit" AFTER INSERT OR UPDATE OR DELETE ON "veterinarian_schedules" FOR EACH ROW EXECUTE FUNCTION vetflow_audit_row_change();
--> statement-breakpoint
