import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { TRPCError } from '@trpc/server';
import { currentDatabaseRoles, type Database, queryRows } from '@vetflow/db';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyError } from 'fastify';
import { shellPreloads } from './app-shell-preloads';
import { startAuditIntegrity } from './audit/integrity';
import { pruneSignInBookkeeping } from './auth/prune';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { LiveChanges, type LiveOptions } from './live/service';
import { securityHeaders } from './security-headers';
import { contextFactory } from './trpc/context';
import { databaseUnavailable, isDatabaseUnavailable } from './trpc/errors';
import { registerTrpcRoute } from './trpc/fastify-handler';
import { refusalResponse } from './trpc/refusal';
import { appRouter } from './trpc/root';

export interface BuildServerOptions {
  config: Config;
  db: Database;
  clock?: Clock;
  /** false silences logging (most tests); a stream receives the JSON log lines (log tests). */
  logger?: false | { stream: { write(line: string): void } };
  /** Live updates' limits and session re-check interval (tests shorten the interval). */
  live?: LiveOptions;
}

/** Most calls one batched request may carry (the client's httpBatchLink maxItems must not exceed it). */
export const MAX_BATCH_SIZE = 20;

/** What never reaches the logs: cookies, passwords, tokens. */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
];

/** The context reads the session from the database: while it is unreachable every call answers 503, not 500. */
function withOutageMapped<A extends unknown[], R>(create: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await create(...args);
    } catch (error) {
      throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
    }
  };
}

/**
 * What Fastify refuses before tRPC reads the request (a body over `bodyLimit`, a content type it has no parser
 * for), as the tRPC error the client reads every other refusal as.
 */
function fastifyRefusal(error: FastifyError): TRPCError {
  const status = error.statusCode ?? 500;
  if (status === 413)
    return new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large' });
  if (status === 415)
    return new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request must be sent as JSON' });
  if (status < 500) return new TRPCError({ code: 'BAD_REQUEST', message: 'The request could not be read' });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side' });
}

/** Builds the whole HTTP server without listening, so tests run it in-process with `inject` or a port of their own. */
export async function buildServer(options: BuildServerOptions) {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  // The roles each request switches to (defence in depth: init.ts), named after the database served.
  const dbRoles = await currentDatabaseRoles(db);
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: { paths: LOG_REDACT, censor: '[redacted]' },
            // JSON lines for machines; readable lines for a person watching a terminal outside production.
            ...(!options.logger && config.env !== 'production' && process.stdout.isTTY
              ? {
                  transport: {
                    target: 'pino-pretty',
                    options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
                  },
                }
              : {}),
            ...options.logger,
          },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    // Batched tRPC URLs carry every procedure name in the path.
    routerOptions: { maxParamLength: 5000 },
  });

  // Security headers: helmet's, worked out once (security-headers.ts), and the request's id, which the audit log
  // records for it: support can match a user's report to its audit rows.
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure,
  });
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers).header('x-request-id', req.id);
    done();
  });
  await app.register(cookie);
  // The per-IP sign-in limit is counted inside auth.login (auth/ip-limit.ts), where every call runs. Its
  // bookkeeping and the sign-in counters are pruned hourly (several processes pruning at once is harmless).
  const pruning = setInterval(() => {
    pruneSignInBookkeeping(db, clock.now()).catch((error) =>
      app.log.warn({ err: error }, 'pruning sign-in bookkeeping failed; will retry'),
    );
  }, 60 * 60_000);
  pruning.unref();
  app.addHook('onClose', async () => clearInterval(pruning));
  // The audit hash chain: seal what was committed and verify it, every few seconds (audit/integrity.ts).
  const auditIntegrity = startAuditIntegrity(db, app.log, config.auditSealMs);
  app.addHook('onClose', () => auditIntegrity.stop());

  // Live updates: one database listener, fanned out to every subscription in-process (live/service.ts). Open
  // streams end before the server closes (close() would otherwise wait for them).
  const live = new LiveChanges(options.live);
  await live.start(db, app.log);
  app.addHook('preClose', async () => live.stop());

  app.get('/health', async (_req, reply) => {
    try {
      await queryRows(db, sql`select 1 as ok`);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  await app.register(async (api) => {
    api.setErrorHandler((error: FastifyError, req, reply) => {
      const refused = fastifyRefusal(error);
      if (refused.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error }, 'request failed');
      const { httpStatus, body } = refusalResponse(refused);
      return reply.code(httpStatus).send(body);
    });
    registerTrpcRoute(api, {
      prefix: '/trpc',
      router: appRouter,
      createContext: withOutageMapped(contextFactory({ config, db, dbRoles, clock, auditIntegrity, live })),
      maxBatchSize: MAX_BATCH_SIZE,
    });
  });

  const webDist = config.webDistDir;
  if (webDist && existsSync(webDist)) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // An array: with preCompressed, @fastify/static finds a directory's index only in one.
      index: ['index.html'],
      // The build's brotli and gzip copies (vite-plugin-compression2), chosen by Accept-Encoding.
      preCompressed: true,
      // Our own cache-control below (@fastify/static's default is max-age=0 for everything).
      cacheControl: false,
      setHeaders: (res, path) => {
        res.header('cache-control', cacheControlFor(webDist, path));
      },
    });
    // A signed-in load of the shell names the signed-in chunks to fetch at once (app-shell-preloads.ts). The shell
    // is never cached (no-store), so an answer that depends on the cookie is never served to another request.
    // Every answer passes this hook, API calls too: a callback, not an async function, so none pays a promise.
    const preloads = shellPreloads(webDist);
    app.addHook('onSend', (req, reply, payload, done) => {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith('text/html')) {
        const link = preloads(req.url.split('?', 1)[0]!, req.headers.cookie);
        if (link) reply.header('link', link);
      }
      done(null, payload);
    });
    // SPA fallback: any other GET that accepts HTML gets the app shell; the client router takes over.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/trpc') && req.headers.accept?.includes('text/html')) {
        return reply.sendFile('index.html');
      }
      return reply.code(404).send({ error: 'Not found' });
    });
  }

  return Object.assign(app, { live });
}

/**
 * Content-hashed build assets (`/assets/name-<hash>.js`) never change under their name: cached for a year and
 * never revalidated. The app shell (index.html) names the current ones, so it is never cached: a new release
 * reaches every browser on its next load.
 */
function cacheControlFor(root: string, path: string): string {
  // Decided by where the file is below the build, never by a folder of the same name above it.
  const assets = join(resolve(root), 'assets') + sep;
  return resolve(path).startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-store';
}
