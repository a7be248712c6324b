-- The urgent threshold's own 0–480 check is implied by the emergency and routine bounds and the order check (0 ≤
-- emergency ≤ urgent ≤ routine ≤ 480), and could never be the one to refuse a row: dropped.
ALTER TABLE "clinic_settings" DROP CONSTRAINT "clinic_settings_triage_urgent_minutes_check";