-- Live updates (issue 11): every committed insert or update of an appointment, a patient or a medical record
-- sends a small change event on the channel `vetflow_changes` (pg_notify is transactional: listeners get it at
-- commit, never for a rolled-back change). The payload names the row and its version (updated_at in epoch
-- milliseconds) plus what a screen needs to decide whether it cares (an appointment's start and vet, before and
-- after a move; the patient a record or an appointment belongs to) — never clinical content: no reason, notes,
-- findings, diagnosis or any other text a person typed. pg_notify refuses payloads over 8000 bytes; this one
-- is a few hundred. An update that changes nothing (updated_at unchanged, see vetflow_touch_updated_at) sends
-- nothing.
CREATE FUNCTION "vetflow_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event jsonb;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    RETURN NULL;
  END IF;
  event := jsonb_build_object(
    'table', TG_TABLE_NAME,
    'id', NEW.id,
    'kind', lower(TG_OP),
    'version', floor(extract(epoch from NEW.updated_at) * 1000)::bigint
  );
  IF TG_TABLE_NAME = 'appointments' THEN
    event := event || jsonb_build_object(
      'patientId', NEW.patient_id,
      'vetId', NEW.veterinarian_id,
      'startsAt', floor(extract(epoch from NEW.starts_at) * 1000)::bigint
    );
    IF TG_OP = 'UPDATE' AND (OLD.starts_at <> NEW.starts_at OR OLD.veterinarian_id <> NEW.veterinarian_id) THEN
      event := event || jsonb_build_object(
        'prevVetId', OLD.veterinarian_id,
        'prevStartsAt', floor(extract(epoch from OLD.starts_at) * 1000)::bigint
      );
    END IF;
  ELSIF TG_TABLE_NAME = 'medical_records' THEN
    event := event || jsonb_build_object('patientId', NEW.patient_id, 'appointmentId', NEW.appointment_id);
  ELSIF TG_TABLE_NAME = 'patients' THEN
    event := event || jsonb_build_object('ownerId', NEW.owner_id);
  END IF;
  PERFORM pg_notify('vetflow_changes', event::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "appointments_notify_change" AFTER INSERT OR UPDATE ON "appointments" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_change();
--> statement-breakpoint
CREATE TRIGGER "patients_notify_change" AFTER INSERT OR UPDATE ON "patients" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_change();
--> statement-breakpoint
CREATE TRIGGER "medical_records_notify_change" AFTER INSERT OR UPDATE ON "medical_records" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_change();
