import { createHmac, randomBytes } from 'node:crypto';
import type { Database, DatabaseRole } from '@vetflow/db';
import { serverSecrets } from '@vetflow/schema';
import { eq } from 'drizzle-orm';
import { asSignIn } from './sign-in-role';

const SIGN_IN_SECRET = 'sign-in';

/**
 * The server's sign-in secret, made on first use and kept in the database: zero configuration, and every API
 * process, before and after a restart, signs and checks device cookies with the same key. Loaded once per server.
 */
export class SignInSecrets {
  private loading: Promise<{ device: Buffer; username: Buffer }> | null = null;

  constructor(
    private readonly db: Database,
    private readonly roles: Record<DatabaseRole, string>,
  ) {}

  /** Separate keys derived for each use, so a value made for one can never pass as the other. */
  keys() {
    this.loading ??= this.load().catch((error) => {
      this.loading = null; // the database may be back next time
      throw error;
    });
    return this.loading;
  }

  private async load() {
    // Concurrent first starts race here harmlessly: the first insert wins and everyone reads that one.
    const row = await asSignIn(this.db, this.roles, { userId: null }, async (tx) => {
      await tx
        .insert(serverSecrets)
        .values({ name: SIGN_IN_SECRET, secret: randomBytes(32).toString('base64url') })
        .onConflictDoNothing();
      const [found] = await tx
        .select({ secret: serverSecrets.secret })
        .from(serverSecrets)
        .where(eq(serverSecrets.name, SIGN_IN_SECRET));
      return found;
    });
    const master = Buffer.from(row!.secret, 'base64url');
    const derive = (purpose: string) => createHmac('sha256', master).update(purpose).digest();
    return { device: derive('device-cookie'), username: derive('unknown-username') };
  }
}
