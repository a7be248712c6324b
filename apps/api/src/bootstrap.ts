import { randomBytes } from 'node:crypto';
import { type DbHandle, hashPassword, queries, seedDemo, setAuditContext } from '@vetflow/db';
import { DEMO_PASSWORD, DEMO_USERS } from '@vetflow/db/demo';
import { systemUsers } from '@vetflow/schema';
import { FIRST_START_REQUEST_ID } from '@vetflow/schema/audit-display';
import { count } from 'drizzle-orm';
import { passwordProblem } from './auth/password-policy';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';

export type BootstrapOutcome =
  | { kind: 'existing' }
  | { kind: 'demo'; usernames: string[]; password: string }
  | { kind: 'admin'; username: string; generatedPassword: string | null };

/**
 * First start on an empty database: the embedded default (or VETFLOW_DEMO=1) gets the demo clinic; a real
 * database gets one admin whose password is VETFLOW_ADMIN_PASSWORD or generated and shown once. Never a
 * known password on a real database.
 */
export async function bootstrapDatabase(
  handle: DbHandle,
  config: Config,
  clock: Clock = systemClock,
): Promise<BootstrapOutcome> {
  // A configured first password meets the same rule as any password a person chooses.
  const problem =
    config.adminPassword && (await passwordProblem(config.adminPassword, { username: 'admin' }));
  if (problem) throw new Error(`VETFLOW_ADMIN_PASSWORD is refused: ${problem}`);
  const [row] = await handle.db.select({ n: count() }).from(systemUsers);
  if ((row?.n ?? 0) > 0) return { kind: 'existing' };
  if (handle.kind === 'pglite' || config.demo) {
    await seedDemo(handle.db, { now: clock.now() });
    return { kind: 'demo', usernames: DEMO_USERS.map((u) => u.username), password: DEMO_PASSWORD };
  }
  const generated = config.adminPassword ? null : randomBytes(15).toString('base64url');
  const password = config.adminPassword ?? generated!;
  const passwordHash = await hashPassword(password);
  await handle.db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: FIRST_START_REQUEST_ID });
    await queries.createUser(tx, {
      username: 'admin',
      email: 'admin@vetflow.invalid',
      fullName: 'Administrator',
      role: 'admin',
      passwordHash,
    });
  });
  return { kind: 'admin', username: 'admin', generatedPassword: generated };
}
