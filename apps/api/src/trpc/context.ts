import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Database, DatabaseRole, Executor } from '@vetflow/db';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { AuditIntegrityMonitor } from '../audit/integrity';
import { SESSION_COOKIE } from '../auth/cookie';
import { DEVICE_COOKIE } from '../auth/device-cookie';
import { SignInSecrets } from '../auth/secrets';
import { type SessionUser, validateSessionToken } from '../auth/sessions';
import { asSignIn } from '../auth/sign-in-role';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { LiveChanges } from '../live/service';

export interface ServerDeps {
  config: Config;
  /** The runtime role's handle: on its own it may do only background work; requests switch role (init.ts). */
  db: Database;
  /** This database's roles (databaseRoleNames): each request's transaction switches to one of them. */
  dbRoles: Record<DatabaseRole, string>;
  clock: Clock;
  /** The server's audit sealer and verifier; absent in contexts built without a server (scripts, some tests). */
  auditIntegrity?: AuditIntegrityMonitor;
  /** Live updates (the change listener and its hub); absent in contexts built without a server. */
  live?: LiveChanges;
}

export interface ContextInner extends ServerDeps {
  /**
   * The handle procedures query with: the request's transaction, as the acting user's database role (init.ts).
   * Before that (public procedures) the root handle, whose runtime role may read no clinic data.
   */
  tx: Executor;
  user: SessionUser | null;
  sessionId: string | null;
  /** True when the request carried a session that has just expired (the client shows a notice). */
  sessionExpired: boolean;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The Origin header, for the CSRF check on mutations (compared with the configured origins, never Host). */
  origin: string | null;
  /** The raw device cookie (verified where sign-in uses it). */
  deviceCookie: string | null;
  reply: FastifyReply | null;
  log: FastifyBaseLogger | null;
  /** The sign-in keys (device cookies, unknown usernames): one per server, loaded once. */
  signInSecrets: SignInSecrets;
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
  // Every property written out, not `...deps` and the rest after it: on Node 20 that spread cost microseconds
  // per request (12 µs measured), and this object is made, and copied by tRPC's middlewares, for every request.
  return {
    config: deps.config,
    db: deps.db,
    dbRoles: deps.dbRoles,
    clock: deps.clock,
    auditIntegrity: deps.auditIntegrity,
    live: deps.live,
    tx: deps.db,
    user: opts.user ?? null,
    sessionId: opts.sessionId ?? null,
    sessionExpired: opts.sessionExpired ?? false,
    requestId: opts.requestId ?? crypto.randomUUID(),
    ip: opts.ip ?? null,
    userAgent: opts.userAgent ?? null,
    origin: opts.origin ?? null,
    deviceCookie: opts.deviceCookie ?? null,
    reply: opts.reply ?? null,
    log: opts.log ?? null,
    signInSecrets: opts.signInSecrets ?? new SignInSecrets(deps.db, deps.dbRoles),
  };
}

/**
 * The calls that do not count as the user's activity: asking when the session ends, and opening (or reopening)
 * the live updates stream, which a screen does on its own.
 */
const PASSIVE_CALLS = new Set(['auth.expiry', 'live.changes']);

/**
 * Sent by the web app on calls made while nobody has touched the page for a while (a screen's refetch every few
 * seconds): they must not keep an unattended session alive. A client can only shorten its own session with it.
 */
export const UNATTENDED_HEADER = 'x-vetflow-unattended';

/** Runs once per HTTP request (a whole batch): resolves the session cookie to a user. */
export function contextFactory(deps: ServerDeps) {
  const signInSecrets = new SignInSecrets(deps.db, deps.dbRoles);
  return async ({ req, res, info }: CreateFastifyContextOptions): Promise<ContextInner> => {
    // Asking when the session ends (the idle warning's poll), or a screen refreshing itself with nobody at it,
    // is not activity: neither may keep the session alive.
    const touch =
      req.headers[UNATTENDED_HEADER] !== '1' &&
      !(info.calls.length > 0 && info.calls.every((call) => PASSIVE_CALLS.has(call.path)));
    const token = req.cookies[SESSION_COOKIE];
    const policy = { idleMs: deps.config.sessionIdleMs, absoluteMs: deps.config.sessionAbsoluteMs };
    const session = token
      ? await asSignIn(deps.db, deps.dbRoles, { userId: null }, (tx) =>
          validateSessionToken(tx, token, deps.clock.now(), policy, touch),
        )
      : ({ status: 'none' } as const);
    return createContextInner(deps, {
      user: session.status === 'valid' ? session.user : null,
      sessionId: session.status === 'valid' ? session.sessionId : null,
      sessionExpired: session.status === 'expired',
      requestId: String(req.id),
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      origin: req.headers.origin ?? null,
      deviceCookie: req.cookies[DEVICE_COOKIE] ?? null,
      reply: res,
      log: req.log,
      signInSecrets,
    });
  };
}
