-- The clinic always keeps at least one active admin, even when two admins demote or deactivate each other at
-- the same moment. Each such change takes one transaction-level lock first, so the changes run one after the
-- other; under READ COMMITTED each statement below then sees the changes committed before it, so the second
-- one counts the admins the first one left (none besides itself) and is refused.
CREATE FUNCTION "vetflow_keep_an_admin"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('vetflow.active_admins'));
  IF NOT EXISTS (
    SELECT 1 FROM system_users u WHERE u.role = 'admin' AND u.is_active AND u.id <> OLD.id
  ) THEN
    RAISE EXCEPTION 'the clinic must keep at least one active admin'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'system_users_last_admin', TABLE = 'system_users';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "system_users_keep_an_admin_update" BEFORE UPDATE OF "role", "is_active" ON "system_users"
  FOR EACH ROW
  WHEN (OLD.role = 'admin' AND OLD.is_active AND NOT (NEW.role = 'admin' AND NEW.is_active))
  EXECUTE FUNCTION vetflow_keep_an_admin();
--> statement-breakpoint
CREATE TRIGGER "system_users_keep_an_admin_delete" BEFORE DELETE ON "system_users"
  FOR EACH ROW
  WHEN (OLD.role = 'admin' AND OLD.is_active)
  EXECUTE FUNCTION vetflow_keep_an_admin();
