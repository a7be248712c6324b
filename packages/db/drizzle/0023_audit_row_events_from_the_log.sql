-- Audited writes at 8 writers (issue 12): PostgreSQL serialises the commits of every transaction that sent a
-- NOTIFY (one global lock while the notification is queued), and 0018 made every audited write send one, for
-- the admin's timeline. Owners, staff accounts and sign-ins send no change event of their own, so this was the
-- only thing serialising them: without it, audited writes keep 0.87x of unaudited throughput instead of 0.69x.
-- The API now learns of new audit rows by reading the log's newest ids about once a second while an admin is
-- listening (apps/api/src/live/audit-watcher.ts), and tells the timeline once per batch instead of once per row.
DROP TRIGGER "audit_log_notify_change" ON "audit_log";
--> statement-breakpoint
DROP FUNCTION "vetflow_notify_audit_row"();
