import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import { inAuditContext } from '@vetflow/db';
import type { UserRole } from '@vetflow/schema/values';
import { ZodRealError } from 'zod';
import { allows, isAccess, type ProcedureMeta } from './access';
import { type Context, type ContextInner, requestMeta } from './context';
import { refusedByDatabaseRole, toTRPCError } from './errors';
import { transformer } from './output-transformer';
import { refusalData } from './refusal';

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    // Never a stack trace to the client, whatever NODE_ENV says.
    isDev: false,
    // Live updates over server-sent events: a ping keeps proxies from closing a quiet stream, and a client
    // that hears nothing (not even a ping) for 25 s reconnects, resuming from its last event id.
    sse: {
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
    },
    /** Every refusal answers with the one Refusal (refusal.ts), so the client reads fields and details, never text. */
    errorFormatter({ shape, error }) {
      const data = refusalData(error, shape.data.httpStatus, shape.data.path);
      return { code: shape.code, message: data.message, data };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/**
 * A failure through the one error map, logged when it is not the caller's fault. The input lets a leftover
 * date/time error name its field.
 */
async function mapFailure(
  error: TRPCError,
  ctx: Context,
  path: string,
  getRawInput: () => Promise<unknown>,
): Promise<TRPCError> {
  const mapped = toTRPCError(error, await getRawInput().catch(() => undefined));
  if (mapped.code === 'INTERNAL_SERVER_ERROR')
    ctx.log?.error({ err: error.cause ?? error, path }, 'procedure failed');
  else if (refusedByDatabaseRole(error))
    ctx.log?.error({ err: error.cause ?? error, path }, 'the database role refused what the API allowed');
  return mapped;
}

/**
 * Deny by default: the procedure must declare its access (the builders below do), and the caller must match it.
 * An undeclared procedure never reaches here through appRouter (root.ts refuses it on import); this is the
 * second lock.
 */
function enforcePolicy(ctx: Context, meta: ProcedureMeta | undefined) {
  const access = meta?.access;
  if (!isAccess(access)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This action has no access policy' });
  }
  if (access === 'public') return;
  if (!ctx.user) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: ctx.sessionExpired ? 'Your session has expired; please sign in again' : 'Please sign in',
    });
  }
  if (!allows(access, ctx.user.role)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this action' });
  }
}

/** CSRF: a mutation must come from a page of ours (Origin header), whatever cookies it carries. */
function refuseCrossSite(ctx: Context, type: string) {
  if (type !== 'mutation') return;
  const origin = ctx.origin;
  if (!origin || !ctx.config.trustedOrigins.includes(origin)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site request refused' });
  }
}

/** Where in an input a string holds U+0000 (PostgreSQL text cannot store it), or null. */
function nulCharacterPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object' || path.length > 16) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = nulCharacterPath(child, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

/** Refuses a NUL character anywhere in the input as a validation error naming the field, before any query. */
function refuseNulCharacters(input: unknown) {
  const path = nulCharacterPath(input);
  if (!path) return;
  throw new TRPCError({
    code: 'BAD_REQUEST',
    cause: new ZodRealError([
      { code: 'custom', path, message: 'Cannot contain the NUL character', input: undefined },
    ]),
  });
}

/**
 * Every procedure starts here: its checks, in this order — CSRF, the access policy, NUL characters — then the
 * procedure, and every failure of either through the one error map (mapFailure). One middleware, not one per
 * concern: every middleware a call passes through costs it a copy of its options and a promise (issue 12).
 * Not exported: a procedure is built from one of the builders below, each of which declares who may call it.
 */
const guard = t.middleware(async ({ ctx, type, meta, path, getRawInput, next }) => {
  try {
    refuseCrossSite(ctx, type);
    enforcePolicy(ctx, meta);
    refuseNulCharacters(await getRawInput());
  } catch (error) {
    throw await mapFailure(getTRPCErrorFromUnknown(error), ctx, path, getRawInput);
  }
  const result = await next();
  if (result.ok) return result;
  const mapped = await mapFailure(result.error, ctx, path, getRawInput);
  if (mapped === result.error) return result;
  throw mapped;
});

const baseProcedure = t.procedure.use(guard);

/** Anyone may call it, signed in or not (sign-in, sign-out, who am I). */
export const publicProcedure = baseProcedure.meta({ access: 'public' });

/** The policy guarantees a user for every non-public procedure; this narrows the type. */
const signedIn = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  return next({ ctx: { user: ctx.user } });
});

class Rollback extends Error {}

/**
 * Every signed-in procedure runs in one transaction that first tells PostgreSQL who is acting (so the audit
 * triggers attribute every change) and switches to that user's database role (`SET LOCAL ROLE`), read-only for a
 * query: PostgreSQL then refuses whatever the role matrix refuses, even where a check here is missing (`ctx.tx`).
 * A failed procedure rolls the whole transaction back. Exported for the one mutation that must commit a step
 * before it (auth.changePassword's guess counting); others use the builders.
 */
export const inRoleTransaction = t.middleware(async ({ ctx, type, next }) => {
  const user = ctx.user;
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  // The procedure's context: its transaction, and the user narrowed to signed in (for the procedure's types).
  const proceed = (tx: ContextInner['tx']) => next({ ctx: { tx, user } });
  let result: Awaited<ReturnType<typeof proceed>> | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      // The context and role switch go out with the procedure's first statement (inAuditContext).
      result = await inAuditContext(
        tx,
        { userId: user.id, ...requestMeta(ctx) },
        { role: ctx.dbRoles[user.role], readOnly: type === 'query', now: ctx.clock.now() },
        () => proceed(tx),
      );
      if (!result.ok) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result!;
});

/**
 * Any signed-in user, before the request's transaction: only for what must happen outside it (a password check
 * whose failure must count), followed by `.use(inRoleTransaction)`.
 */
export const authedProcedureBeforeTransaction = signedIn.meta({ access: 'authenticated' });

/** Any signed-in user, whatever the role (their own profile and sessions). */
export const authedProcedure = baseProcedure.meta({ access: 'authenticated' }).use(inRoleTransaction);

/** Refuses every use: the handle a subscription sees where a request's transaction would be. */
const noTransaction = new Proxy(
  {},
  {
    get() {
      throw new Error('A subscription has no request transaction: read in a transaction of its own');
    },
  },
) as ContextInner['tx'];

/**
 * Only signed-in users of the listed roles, for a subscription (server-sent events). The policy is checked as
 * for every procedure (deny by default, the same declaration), but no request transaction is opened: a
 * subscription stays open for hours, and holding a transaction that long would pin a pooled connection (PGlite's
 * only one) and every row lock it took. It streams from the in-process hub of change events (live/hub.ts), whose
 * payloads carry no clinical content, and `ctx.tx` refuses any use; a subscription that must read the database
 * does it in a short transaction of its own, as the user's role. Only subscriptions may be built from it.
 */
export const roleSubscriptionProcedure = (...roles: [UserRole, ...UserRole[]]) =>
  signedIn.meta({ access: roles }).use(({ type, next }) => {
    if (type !== 'subscription')
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Not a subscription' });
    return next({ ctx: { tx: noTransaction } });
  });

/** Only signed-in users of the listed roles (inRoleTransaction narrows the user: no separate step for it). */
export const roleProcedure = (...roles: [UserRole, ...UserRole[]]) =>
  baseProcedure.meta({ access: roles }).use(inRoleTransaction);
