import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Database, Executor } from '@vetflow/db';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../auth/cookie';
import { type SessionUser, validateSessionToken } from '../auth/sessions';
import { UnknownAccountThrottle } from '../auth/throttle';
import type { Clock } from '../clock';
import type { Config } from '../config';

export interface ServerDeps {
  config: Config;
  db: Database;
  clock: Clock;
}

export interface ContextInner extends ServerDeps {
  /** The handle procedures query with: the root database, or inside a mutation its transaction. */
  tx: Executor;
  user: SessionUser | null;
  sessionId: string | null;
  /** True when the request carried a session that has just expired (the client shows a notice). */
  sessionExpired: boolean;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The Origin header and the origin this server is reached at, for the CSRF check on mutations. */
  origin: string | null;
  selfOrigin: string | null;
  reply: FastifyReply | null;
  log: FastifyBaseLogger | null;
  /** Login throttling for usernames without an account: one per server, shared by its requests. */
  unknownAccounts: UnknownAccountThrottle;
}
export type Context = ContextInner;

/** Where a request came from, as the audit log records it (with the acting user beside it). */
export const requestMeta = (ctx: ContextInner) => ({
  requestId: ctx.requestId,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});

/** For tests and scripts: a context without HTTP. */
export function createContextInner(
  deps: ServerDeps,
  opts: Partial<Omit<ContextInner, keyof ServerDeps | 'tx'>> = {},
): ContextInner {
  return {
    ...deps,
    tx: deps.db,
    user: opts.user ?? null,
    sessionId: opts.sessionId ?? null,
    sessionExpired: opts.sessionExpired ?? false,
    requestId: opts.requestId ?? crypto.randomUUID(),
    ip: opts.ip ?? null,
    userAgent: opts.userAgent ?? null,
    origin: opts.origin ?? null,
    selfOrigin: opts.selfOrigin ?? null,
    reply: opts.reply ?? null,
    log: opts.log ?? null,
    unknownAccounts: opts.unknownAccounts ?? new UnknownAccountThrottle(),
  };
}

/** Runs once per HTTP request (a whole batch): resolves the session cookie to a user. */
export function contextFactory(deps: ServerDeps) {
  const unknownAccounts = new UnknownAccountThrottle();
  return async ({ req, res }: CreateFastifyContextOptions): Promise<ContextInner> => {
    const session = await validateSessionToken(deps.db, req.cookies[SESSION_COOKIE], deps.clock.now(), {
      idleMs: deps.config.sessionIdleMs,
      absoluteMs: deps.config.sessionAbsoluteMs,
    });
    return createContextInner(deps, {
      user: session.status === 'valid' ? session.user : null,
      sessionId: session.status === 'valid' ? session.sessionId : null,
      sessionExpired: session.status === 'expired',
      requestId: String(req.id),
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      origin: req.headers.origin ?? null,
      selfOrigin: `${req.protocol}://${req.host}`,
      reply: res,
      log: req.log,
      unknownAccounts,
    });
  };
}
