import {
  type AuditContext,
  type Database,
  type DatabaseRole,
  inAuditContext,
  type Transaction,
} from '@vetflow/db';

/**
 * Runs `work` in a transaction as the sign-in database role: what happens before a user is known (a session
 * checked by its hash, a user found by name, attempts counted and throttled, auth events recorded), with no
 * privilege on clinic data. `context.userId` names the user once known (a sign-in that succeeded, a sign-out),
 * so the auth event is attributed to them.
 */
export function asSignIn<T>(
  db: Database,
  roles: Record<DatabaseRole, string>,
  context: AuditContext,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => inAuditContext(tx, context, { role: roles.signin }, () => work(tx)));
}
