import type { Transaction } from '@vetflow/db';
import { hashPassword, queries, verifyPassword } from '@vetflow/db';
import {
  changePasswordInput,
  loginInput,
  profileUpdateInput,
  revokeSessionInput,
} from '@vetflow/schema/validators';
import { clearSessionCookie, setSessionCookie } from '../../auth/cookie';
import { newDeviceCookie, setDeviceCookie, verifyDeviceCookie } from '../../auth/device-cookie';
import { countSignInAttempt } from '../../auth/ip-limit';
import { passwordProblem } from '../../auth/password-policy';
import {
  createSession,
  deleteOwnSession,
  deleteSession,
  deleteUserSessions,
  listUserSessions,
  policyForRole,
  type SessionExpiry,
  sessionExpiry,
  touchSession,
} from '../../auth/sessions';
import { asSignIn } from '../../auth/sign-in-role';
import { claimLoginAttempt, resetLoginCounter, throttleAccount, trustDevice } from '../../auth/throttle';
import { type Context, requestMeta } from '../context';
import { DomainError } from '../errors';
import {
  authedProcedure,
  authedProcedureBeforeTransaction,
  inRoleTransaction,
  publicProcedure,
  router,
} from '../init';
import { unwrapVersioned } from '../versioned';

const GENERIC_LOGIN_FAILURE = 'Incorrect username or password';
/** Only ever said after the right password: who knows it may learn the account exists and is switched off. */
const DEACTIVATED_ACCOUNT =
  'This account is deactivated. Ask an administrator to reactivate it if you still need to sign in.';

/** Verified against when the username is unknown, so both failures take about as long. */
const dummyHash = hashPassword('not-a-real-password-0000');

/** The session policy of the caller (a waiting-room display has no idle end), or the staff's before sign-in. */
const sessionPolicy = (ctx: Context) => {
  const policy = { idleMs: ctx.config.sessionIdleMs, absoluteMs: ctx.config.sessionAbsoluteMs };
  return ctx.user ? policyForRole(ctx.user.role, policy) : policy;
};

/**
 * When the caller's session ends, as durations from the server's now (so the browser's clock does not matter),
 * with the idle window, from which the client picks when to warn.
 */
const expiryAnswer = (ctx: Context, expiry: SessionExpiry | null) => {
  if (!expiry) throw new DomainError('UNAUTHORIZED', 'Please sign in');
  const now = ctx.clock.now().getTime();
  return {
    idleTimeoutMs: sessionPolicy(ctx).idleMs,
    idleRemainingMs: Math.max(0, expiry.idleExpiresAt.getTime() - now),
    absoluteRemainingMs: Math.max(0, expiry.expiresAt.getTime() - now),
  };
};

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

const throttled = (waitSeconds: number) => ({
  details: { kind: 'throttled', retryAfterSeconds: waitSeconds } as const,
});

const tooManyAttempts = (waitSeconds: number) =>
  new DomainError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-ins. Try again in ${seconds(waitSeconds)}.`,
    throttled(waitSeconds),
  );

const tooManyFromAddress = (waitSeconds: number) =>
  new DomainError(
    'TOO_MANY_REQUESTS',
    `Too many sign-in attempts from this address. Try again in ${seconds(waitSeconds)}.`,
    throttled(waitSeconds),
  );

/** The device this request's cookie vouches for (null when none, forged or tampered with). */
async function deviceOf(ctx: Context) {
  const keys = await ctx.signInSecrets.keys();
  return { keys, device: verifyDeviceCookie(keys.device, ctx.deviceCookie) };
}

/**
 * What auth.changePassword does before its audited change: the caller proves they know the current password, and
 * the new one is judged and hashed. Outside the mutation's transaction on purpose, as for sign-in: a guess counts
 * against the account like a failed sign-in (so a stolen session cannot try passwords without limit) and the right
 * password clears the count, whatever the change then does; and the slow hash holds no transaction open.
 */
const provenPasswordChange = authedProcedureBeforeTransaction
  .input(changePasswordInput)
  .use(async ({ ctx, input, next }) => {
    const { device } = await deviceOf(ctx);
    const asUser = { userId: ctx.user.id, ...requestMeta(ctx) };
    const { claim, hash } = await asSignIn(ctx.db, ctx.dbRoles, asUser, async (tx) => ({
      claim: await claimLoginAttempt(tx, ctx.user.id, device?.deviceId ?? null, ctx.clock.now()),
      hash: await queries.getPasswordHash(tx, ctx.user.id),
    }));
    if (claim.status === 'throttled') throw tooManyAttempts(claim.waitSeconds);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
      throw new DomainError('BAD_REQUEST', 'The current password is not correct', {
        field: 'currentPassword',
      });
    }
    await asSignIn(ctx.db, ctx.dbRoles, asUser, (tx) =>
      resetLoginCounter(tx, ctx.user.id, claim.counter, ctx.clock.now()),
    );
    const problem = await passwordProblem(input.newPassword, ctx.user);
    if (problem) throw new DomainError('BAD_REQUEST', problem, { field: 'newPassword' });
    return next({ ctx: { newPasswordHash: await hashPassword(input.newPassword) } });
  });

export const authRouter = router({
  /**
   * Public, not an audited mutation: no user is known until the password is checked, and a failed attempt must
   * still count (and be audited) while the caller gets an error, which the mutation's rollback would undo. The
   * successful sign-in's writes run in one transaction attributed to the user who signed in.
   */
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    // Counted here, where the procedure runs: however the URL is spelled, and for every call of a batch.
    // Each step as the sign-in role, and committed on its own: a refused attempt still counts.
    const anonymous = { userId: null, ...requestMeta(ctx) };
    const signIn = <T>(work: (tx: Transaction) => Promise<T>, userId: string | null = null) =>
      asSignIn(ctx.db, ctx.dbRoles, { ...anonymous, userId }, work);
    const perIp = await signIn((tx) =>
      countSignInAttempt(tx, ctx.ip ?? 'unknown', now, ctx.config.loginRateLimitPerMinute),
    );
    if (!perIp.allowed) throw tooManyFromAddress(perIp.waitSeconds);

    const { keys, device: presented } = await deviceOf(ctx);
    const { user, account, claim } = await signIn(async (tx) => {
      const found = await queries.findUserForLogin(tx, input.username);
      const counter = throttleAccount(found?.id, input.username, keys.username);
      return {
        user: found,
        account: counter,
        claim: await claimLoginAttempt(tx, counter, presented?.deviceId ?? null, now),
      };
    });
    // The typed username is recorded only when it names an account: a password typed into the username box
    // must not be kept for admins to read.
    const named = user ? { username: user.username } : {};
    if (claim.status === 'throttled') {
      const { waitSeconds, summary } = claim;
      // One summarising row per counter and window, not one per refused request.
      if (summary) {
        await signIn((tx) =>
          queries.recordAuthEvent(tx, {
            action: 'login_throttled',
            subjectUserId: user?.id ?? null,
            details: {
              ...named,
              waitSeconds,
              refusedAttempts: summary.refusedAttempts,
              ...(summary.since ? { since: summary.since.toISOString() } : {}),
              trustedDevice: claim.trustedDevice,
            },
            context: requestMeta(ctx),
          }),
        );
      }
      throw tooManyAttempts(waitSeconds);
    }
    // The attempt already counts as a failure (claimLoginAttempt); only a successful sign-in resets the count. The
    // right password for an inactive account counts too, so the throttle cannot tell an attacker it was right: once
    // throttled, the right password is refused like any other guess. Before that, the right password (and only
    // the right one) is told the account is deactivated, so its owner knows whom to ask; a wrong one stays generic.
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
    if (!user || !passwordOk || !user.isActive) {
      await signIn((tx) =>
        queries.recordAuthEvent(tx, {
          action: 'login_failed',
          subjectUserId: user?.id ?? null,
          details: {
            ...named,
            reason: !user ? 'unknown user' : !passwordOk ? 'wrong password' : 'inactive',
            trustedDevice: claim.trustedDevice,
          },
          context: requestMeta(ctx),
        }),
      );
      if (user && passwordOk) throw new DomainError('FORBIDDEN', DEACTIVATED_ACCOUNT);
      throw new DomainError('UNAUTHORIZED', GENERIC_LOGIN_FAILURE);
    }
    const device = presented ?? newDeviceCookie(keys.device);
    const session = await signIn(async (tx) => {
      await queries.recordLoginSuccess(tx, user.id, now);
      await resetLoginCounter(tx, account, claim.counter, now);
      // From now on this browser has its own counter for this account: guesses from elsewhere never block it.
      await trustDevice(tx, account, device.deviceId, now);
      const created = await createSession(tx, user.id, now, sessionPolicy(ctx), ctx);
      await queries.recordAuthEvent(tx, {
        action: 'login',
        subjectUserId: user.id,
        context: requestMeta(ctx),
      });
      return created;
    }, user.id);
    if (ctx.reply) {
      setSessionCookie(ctx.reply, session.token, session.expiresAt, ctx.config.cookieSecure, now);
      setDeviceCookie(ctx.reply, device.value, ctx.config.cookieSecure);
    }
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

  /**
   * Public, not an audited mutation: a caller whose session has already ended must still get the cookie cleared.
   * It changes no audited table (sessions are not audited); the logout event names the user itself.
   */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    const { user, sessionId } = ctx;
    if (user && sessionId) {
      await asSignIn(ctx.db, ctx.dbRoles, { userId: user.id, ...requestMeta(ctx) }, async (tx) => {
        await deleteSession(tx, sessionId);
        await queries.recordAuthEvent(tx, {
          action: 'logout',
          subjectUserId: user.id,
          context: requestMeta(ctx),
        });
      });
    }
    if (ctx.reply) clearSessionCookie(ctx.reply, ctx.config.cookieSecure);
    return { ok: true as const };
  }),

  /** Who is signed in, or null; `sessionExpired` lets the sign-in page say why it is shown. */
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user, sessionExpired: ctx.sessionExpired })),

  /** When my session ends if I do nothing; calling it is not activity (context.ts), so polling it is safe. */
  expiry: authedProcedure.query(async ({ ctx }) =>
    expiryAnswer(ctx, ctx.sessionId ? await sessionExpiry(ctx.tx, ctx.sessionId, sessionPolicy(ctx)) : null),
  ),

  /** "Stay signed in": restarts my session's idle clock now, and says when it ends. */
  staySignedIn: authedProcedure.mutation(async ({ ctx }) =>
    expiryAnswer(
      ctx,
      ctx.sessionId ? await touchSession(ctx.tx, ctx.sessionId, ctx.clock.now(), sessionPolicy(ctx)) : null,
    ),
  ),

  /** My own account as stored (with the version to edit it against). */
  profile: authedProcedure.query(async ({ ctx }) => {
    const user = await queries.getOwnAccount(ctx.tx);
    if (!user) throw new DomainError('UNAUTHORIZED', 'Please sign in');
    return user;
  }),

  /** Anyone may correct their own name and email; role and username stay an admin's decision. */
  updateProfile: authedProcedure.input(profileUpdateInput).mutation(async ({ ctx, input }) => {
    const { updatedAt, ...values } = input;
    return unwrapVersioned(
      await queries.updateUser(ctx.tx, ctx.user.id, updatedAt, values, queries.readOwnAccount),
      'Profile',
    );
  }),

  /** My live sessions, each named by its opaque public id (never the token's hash). */
  sessions: authedProcedure.query(({ ctx }) =>
    listUserSessions(ctx.tx, ctx.user.id, ctx.sessionId, ctx.clock.now(), sessionPolicy(ctx)),
  ),

  /** Signs out one of my sessions, named by the public id auth.sessions gave. */
  revokeSession: authedProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    const revoked = await deleteOwnSession(ctx.tx, ctx.user.id, input.sessionId);
    if (!revoked) throw new DomainError('NOT_FOUND', 'Session not found');
    const current = revoked === ctx.sessionId;
    await queries.recordAuthEvent(ctx.tx, {
      action: 'session_revoked',
      subjectUserId: ctx.user.id,
      details: { scope: current ? 'current session' : 'one other session' },
      context: requestMeta(ctx),
    });
    if (current && ctx.reply) clearSessionCookie(ctx.reply, ctx.config.cookieSecure);
    return { ok: true as const };
  }),

  /** Changing one's password signs out every other session of that user. */
  changePassword: provenPasswordChange.use(inRoleTransaction).mutation(async ({ ctx }) => {
    await queries.setUserPassword(ctx.tx, ctx.user.id, ctx.newPasswordHash, ctx.clock.now());
    await deleteUserSessions(ctx.tx, ctx.user.id, ctx.sessionId ?? undefined);
    await queries.recordAuthEvent(ctx.tx, {
      action: 'password_changed',
      subjectUserId: ctx.user.id,
      context: requestMeta(ctx),
    });
    return { ok: true as const };
  }),
});
