-- A patient's current weight is the weight of its latest weighed visit: by visit time, and at the same visit
-- time an addendum (the correction) before its original, then the later-written record. The database keeps
-- the rule rather than each query function: create, amend and addendum, the demo seed and a fix typed in psql
-- all go through it, in any order. A record without a weight never clears it; with no weighed record left the
-- weight entered with the patient stays.
-- An aggregate over the patient's records, not ORDER BY … LIMIT 1: with the statistics of a bulk load not yet
-- gathered, the planner would walk medical_records_visited_at_idx over every patient's visits for the LIMIT.
CREATE FUNCTION "vetflow_latest_visit_weight"(patient uuid) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT (array_agg(r.weight_kg
                    ORDER BY r.visited_at DESC, (r.amends_record_id IS NOT NULL) DESC, r.created_at DESC, r.id DESC))[1]
    FROM medical_records r
   WHERE r.patient_id = patient AND r.weight_kg IS NOT NULL
$$;
--> statement-breakpoint
-- Deferred to the commit: a visit that also changes the patient (allergies found) writes the weight in that same
-- update (queries/patients.ts applyVisitFindings), so the patient's audit trail shows one change per visit; this
-- trigger then finds nothing left to do. Two visits of one patient saved at once: the first to lock the patient
-- goes first, and the update below (a fresh snapshot under READ COMMITTED) then sees its record. NO KEY UPDATE
-- does not wait for the KEY SHARE locks the records' foreign keys hold.
CREATE FUNCTION "vetflow_patient_current_weight"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  affected uuid;
BEGIN
  FOREACH affected IN ARRAY ARRAY[NEW.patient_id, CASE WHEN TG_OP = 'UPDATE' AND OLD.patient_id <> NEW.patient_id THEN OLD.patient_id END] LOOP
    CONTINUE WHEN affected IS NULL;
    PERFORM 1 FROM patients p WHERE p.id = affected FOR NO KEY UPDATE;
    UPDATE patients p SET weight_kg = latest.weight_kg
      FROM (SELECT vetflow_latest_visit_weight(affected) AS weight_kg) latest
     WHERE p.id = affected AND latest.weight_kg IS NOT NULL AND p.weight_kg IS DISTINCT FROM latest.weight_kg;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "medical_records_current_weight"
  AFTER INSERT OR UPDATE OF "patient_id", "visited_at", "weight_kg", "amends_record_id", "created_at" ON "medical_records"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION vetflow_patient_current_weight();
