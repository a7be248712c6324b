-- Live updates for the admin's audit timeline (issue 11): audit rows are written for many tables that send no
-- change event of their own (owners, staff accounts, settings, sign-ins), so the timeline follows the audit log
-- itself. Every committed audit row sends a change event on the same channel as 0016's, naming only the row
-- (its id, as text: the log's ids are numbers) and its time — nothing of what it records. The API passes these
-- events to admins only (apps/api/src/live/service.ts); no other role ever receives one. pg_notify needs no
-- privilege, so the event is sent whichever role's transaction wrote the row, and only if it commits.
CREATE FUNCTION "vetflow_notify_audit_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vetflow_changes', jsonb_build_object(
    'table', 'audit_log',
    'id', NEW.id::text,
    'kind', 'insert',
    'version', floor(extract(epoch from NEW.occurred_at) * 1000)::bigint
  )::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_notify_change" AFTER INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION vetflow_notify_audit_row();
