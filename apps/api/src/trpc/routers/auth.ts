import { hashPassword, queries, setAuditContext, verifyPassword } from '@vetflow/db';
import {
  changePasswordInput,
  loginInput,
  profileUpdateInput,
  revokeSessionInput,
} from '@vetflow/schema/validators';
import { clearSessionCookie, setSessionCookie } from '../../auth/cookie';
import { passwordProblem } from '../../auth/password-policy';
import {
  createSession,
  deleteOwnSession,
  deleteSession,
  deleteUserSessions,
  listUserSessions,
} from '../../auth/sessions';
import { claimLoginAttempt } from '../../auth/throttle';
import { type Context, requestMeta } from '../context';
import { DomainError } from '../errors';
import { mutationProcedure, procedure, router, userProcedure } from '../init';
import { unwrapVersioned } from '../versioned';

const GENERIC_LOGIN_FAILURE = 'Incorrect username or password';

/** Verified against when the username is unknown, so both failures take about as long. */
const dummyHash = hashPassword('not-a-real-password-0000');

const sessionPolicy = (ctx: Context) => ({
  idleMs: ctx.config.sessionIdleMs,
  absoluteMs: ctx.config.sessionAbsoluteMs,
});

const tooManyAttempts = (waitSeconds: number) =>
  new DomainError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-ins. Try again in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}.`,
    { retryAfterSeconds: waitSeconds },
  );

export const authRouter = router({
  /**
   * Not wrapped in the mutation transaction: a failed attempt must still count (and be audited) while the
   * caller gets an error.
   */
  login: procedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const user = await queries.findUserForLogin(ctx.db, input.username);
    const claim = user
      ? await claimLoginAttempt(ctx.db, user.id, now)
      : ctx.unknownAccounts.claim(input.username, now);
    if (claim.status === 'throttled') {
      const { waitSeconds } = claim;
      await queries.recordAuthEvent(ctx.db, {
        action: 'login_throttled',
        actorId: null,
        subjectUserId: user?.id ?? null,
        details: { username: input.username, waitSeconds },
        context: requestMeta(ctx),
      });
      throw tooManyAttempts(waitSeconds);
    }
    // The attempt already counts as a failure (claimLoginAttempt); only a successful sign-in resets the count. The
    // right password for an inactive account counts too, so the throttle cannot tell an attacker it was right.
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
    if (!user || !passwordOk || !user.isActive) {
      await queries.recordAuthEvent(ctx.db, {
        action: 'login_failed',
        actorId: null,
        subjectUserId: user?.id ?? null,
        details: {
          username: input.username,
          reason: !user ? 'unknown user' : !passwordOk ? 'wrong password' : 'inactive',
        },
        context: requestMeta(ctx),
      });
      throw new DomainError('UNAUTHORIZED', GENERIC_LOGIN_FAILURE);
    }
    const session = await ctx.db.transaction(async (tx) => {
      await setAuditContext(tx, { userId: user.id, ...requestMeta(ctx) });
      await queries.recordLoginSuccess(tx, user.id, now);
      const created = await createSession(tx, user.id, now, sessionPolicy(ctx), ctx);
      await queries.recordAuthEvent(tx, {
        action: 'login',
        actorId: user.id,
        subjectUserId: user.id,
        context: requestMeta(ctx),
      });
      return created;
    });
    if (ctx.reply)
      setSessionCookie(ctx.reply, session.token, session.expiresAt, ctx.config.cookieSecure, now);
    return {
      user: {
        id: user.id,
        username: user.username,
        fullName: user.fullName,
        email: user.email,
        role: user.role,
      },
      expiresAt: session.expiresAt,
    };
  }),

  logout: procedure.mutation(async ({ ctx }) => {
    if (ctx.user && ctx.sessionId) {
      await deleteSession(ctx.db, ctx.sessionId);
      await queries.recordAuthEvent(ctx.db, {
        action: 'logout',
        actorId: ctx.user.id,
        subjectUserId: ctx.user.id,
        context: requestMeta(ctx),
      });
    }
    if (ctx.reply) clearSessionCookie(ctx.reply, ctx.config.cookieSecure);
    return { ok: true as const };
  }),

  /** Who is signed in, or null; `sessionExpired` lets the sign-in page say why it is shown. */
  me: procedure.query(({ ctx }) => ({ user: ctx.user, sessionExpired: ctx.sessionExpired })),

  /** My own account as stored (with the version to edit it against). */
  profile: userProcedure.query(async ({ ctx }) => {
    const user = await queries.getUser(ctx.tx, ctx.user.id);
    if (!user) throw new DomainError('UNAUTHORIZED', 'Please sign in');
    return user;
  }),

  /** Anyone may correct their own name and email; role and username stay an admin's decision. */
  updateProfile: mutationProcedure.input(profileUpdateInput).mutation(async ({ ctx, input }) => {
    const { updatedAt, ...values } = input;
    return unwrapVersioned(await queries.updateUser(ctx.tx, ctx.user.id, updatedAt, values), 'Profile');
  }),

  sessions: userProcedure.query(async ({ ctx }) => {
    const rows = await listUserSessions(ctx.db, ctx.user.id, ctx.clock.now(), sessionPolicy(ctx));
    return rows.map((s) => ({ ...s, current: s.id === ctx.sessionId }));
  }),

  revokeSession: userProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    if (!(await deleteOwnSession(ctx.db, ctx.user.id, input.sessionId))) {
      throw new DomainError('NOT_FOUND', 'Session not found');
    }
    await queries.recordAuthEvent(ctx.db, {
      action: 'session_revoked',
      actorId: ctx.user.id,
      subjectUserId: ctx.user.id,
      details: { scope: input.sessionId === ctx.sessionId ? 'current session' : 'one other session' },
      context: requestMeta(ctx),
    });
    if (input.sessionId === ctx.sessionId && ctx.reply)
      clearSessionCookie(ctx.reply, ctx.config.cookieSecure);
    return { ok: true as const };
  }),

  /** Changing one's password signs out every other session of that user. */
  changePassword: userProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    // Guesses of the current password count against the account like sign-in failures, so a stolen
    // session cannot be used to try passwords without limit.
    const claim = await claimLoginAttempt(ctx.db, ctx.user.id, ctx.clock.now());
    if (claim.status === 'throttled') throw tooManyAttempts(claim.waitSeconds);
    const hash = await queries.getPasswordHash(ctx.db, ctx.user.id);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
      throw new DomainError('BAD_REQUEST', 'currentPassword: The current password is not correct', {
        field: 'currentPassword',
      });
    }
    await queries.clearLoginFailures(ctx.db, ctx.user.id);
    const problem = await passwordProblem(input.newPassword, ctx.user);
    if (problem) throw new DomainError('BAD_REQUEST', `newPassword: ${problem}`, { field: 'newPassword' });
    const newHash = await hashPassword(input.newPassword);
    await ctx.db.transaction(async (tx) => {
      await setAuditContext(tx, { userId: ctx.user.id, ...requestMeta(ctx) });
      await queries.setUserPassword(tx, ctx.user.id, newHash, ctx.clock.now());
      await deleteUserSessions(tx, ctx.user.id, ctx.sessionId ?? undefined);
      await queries.recordAuthEvent(tx, {
        action: 'password_changed',
        actorId: ctx.user.id,
        subjectUserId: ctx.user.id,
        context: requestMeta(ctx),
      });
    });
    return { ok: true as const };
  }),
});
