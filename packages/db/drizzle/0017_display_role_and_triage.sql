-- Issue 11: the `display` role (a waiting-room screen: the board only), and how long a checked-in patient of each
-- priority may wait before Today flags it (triage; defaults: an emergency at once, urgent 15 min, routine 30 min).
-- A new enum value cannot be used in the transaction that adds it; nothing here uses it.
ALTER TYPE "public"."user_role" ADD VALUE 'display';--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD COLUMN "triage_emergency_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD COLUMN "triage_urgent_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD COLUMN "triage_routine_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD CONSTRAINT "clinic_settings_triage_emergency_minutes_check" CHECK ("clinic_settings"."triage_emergency_minutes" between 0 and 480);--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD CONSTRAINT "clinic_settings_triage_urgent_minutes_check" CHECK ("clinic_settings"."triage_urgent_minutes" between 0 and 480);--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD CONSTRAINT "clinic_settings_triage_routine_minutes_check" CHECK ("clinic_settings"."triage_routine_minutes" between 0 and 480);--> statement-breakpoint
ALTER TABLE "clinic_settings" ADD CONSTRAINT "clinic_settings_triage_order_check" CHECK ("clinic_settings"."triage_emergency_minutes" <= "clinic_settings"."triage_urgent_minutes" and "clinic_settings"."triage_urgent_minutes" <= "clinic_settings"."triage_routine_minutes");--> statement-breakpoint
-- Every screen's triage follows a change of the thresholds (issue 11): the settings row sends change events too.
CREATE TRIGGER "clinic_settings_notify_change" AFTER INSERT OR UPDATE ON "clinic_settings" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_change();
