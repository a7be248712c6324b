-- A patient's current weight is the weight of its latest weighed visit: by visit time, and at the same visit
-- time an addendum (the correction) before its original, then the later-written record. The database keeps
-- the rule rather than each query function: create, amend and addendum, the demo seed and a fix typed in psql
-- all go through it, in any order. A record without a weight never clears it; with no weighed record left the
-- weight entered with the patient stays. One statement-level trigger per event (transition tables): a bulk
-- insert updates each patient once.
CREATE FUNCTION "vetflow_patient_current_weight"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.patient_id) INTO affected FROM new_records n;
  ELSE
    SELECT array_agg(DISTINCT x.patient_id) INTO affected FROM (
      SELECT n.patient_id FROM new_records n JOIN old_records o ON o.id = n.id
       WHERE (n.patient_id, n.visited_at, n.weight_kg, n.amends_record_id, n.created_at)
             IS DISTINCT FROM (o.patient_id, o.visited_at, o.weight_kg, o.amends_record_id, o.created_at)
      UNION
      SELECT o.patient_id FROM new_records n JOIN old_records o ON o.id = n.id WHERE n.patient_id <> o.patient_id
    ) x;
  END IF;
  IF affected IS NULL THEN
    RETURN NULL;
  END IF;
  -- Two visits of one patient saved at the same moment: the first to lock the patient goes first, and the
  -- statement below (a fresh snapshot under READ COMMITTED) then sees its record. NO KEY UPDATE does not wait
  -- for the KEY SHARE locks the records' foreign keys hold.
  PERFORM 1 FROM patients p WHERE p.id = ANY (affected) ORDER BY p.id FOR NO KEY UPDATE;
  UPDATE patients p SET weight_kg = latest.weight_kg
    FROM (
      SELECT DISTINCT ON (r.patient_id) r.patient_id, r.weight_kg
        FROM medical_records r
       WHERE r.patient_id = ANY (affected) AND r.weight_kg IS NOT NULL
       ORDER BY r.patient_id, r.visited_at DESC, (r.amends_record_id IS NOT NULL) DESC, r.created_at DESC, r.id DESC
    ) latest
   WHERE p.id = latest.patient_id AND p.weight_kg IS DISTINCT FROM latest.weight_kg;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "medical_records_current_weight_insert" AFTER INSERT ON "medical_records"
  REFERENCING NEW TABLE AS new_records
  FOR EACH STATEMENT EXECUTE FUNCTION vetflow_patient_current_weight();
--> statement-breakpoint
CREATE TRIGGER "medical_records_current_weight_update" AFTER UPDATE ON "medical_records"
  REFERENCING OLD TABLE AS old_records NEW TABLE AS new_records
  FOR EACH STATEMENT EXECUTE FUNCTION vetflow_patient_current_weight();
