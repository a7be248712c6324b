-- A patient is never in two live appointments at once (with two veterinarians, say): the same rule as
-- appointments_no_double_booking for veterinarians, over the same statuses and the same [start, end) ranges.
-- The appointments_patient_starts_at_idx btree stays for a patient's list; this gist index serves the rule.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_patient_double_booking"
  EXCLUDE USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" NOT IN ('cancelled', 'no_show'));
