import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The role the API serves as, created by the site's DBA; default: a runtime role made from DATABASE_URL. */
  RUNTIME_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ALLOW_SUPERUSER: flag,
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Browser tests only: an idle timeout in seconds (overrides SESSION_IDLE_MINUTES); refused outside NODE_ENV=test. */
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(5).max(3600).optional(),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** The origin browsers reach this server at (scheme://host[:port]); mutations must come from it (CSRF). */
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) origin, e.g. https://vetflow.example.com' })
    .max(2048)
    .optional(),
  /** Extra origins allowed to send mutations (comma-separated), besides the public one. */
  TRUSTED_ORIGINS: z.string().default(''),
  /** Set by `pnpm dev` only: trusts the Vite dev server's origin. */
  VETFLOW_DEV: flag,
  COOKIE_SECURE: flag,
  VETFLOW_DEMO: flag,
  VETFLOW_ADMIN_PASSWORD: z.string().min(12).max(128).optional(),
  WEB_DIST_DIR: z.string().min(1).optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** How often the API seals new audit rows and verifies the chain since its last check. */
  AUDIT_SEAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Starts the server's clock at this instant (browser tests); refused outside NODE_ENV=test (below). */
  VETFLOW_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  runtimeDatabaseUrl: string | undefined;
  allowSuperuser: boolean;
  pgliteDataDir: string | undefined;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** The configured public origin: what the CSRF check compares with, never the Host header. */
  publicOrigin: string;
  /** Every origin allowed to send mutations: the public one, the configured extras, and under `pnpm dev` Vite's. */
  trustedOrigins: string[];
  cookieSecure: boolean;
  demo: boolean;
  adminPassword: string | undefined;
  webDistDir: string | undefined;
  loginRateLimitPerMinute: number;
  auditSealMs: number;
  clockStart: Date | undefined;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; a bad value stops start-up with one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.VETFLOW_CLOCK_START !== undefined && e.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Invalid configuration: VETFLOW_CLOCK_START: only allowed when NODE_ENV=test (it moves the server clock)',
    );
  }
  if (e.SESSION_IDLE_SECONDS !== undefined && e.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Invalid configuration: SESSION_IDLE_SECONDS: only allowed when NODE_ENV=test (use SESSION_IDLE_MINUTES)',
    );
  }
  const production = e.NODE_ENV === 'production';
  const publicOrigin = e.PUBLIC_ORIGIN ? new URL(e.PUBLIC_ORIGIN).origin : `http://localhost:${e.PORT}`;
  // Unconfigured, the server is reached on this machine by either loopback name (the start-up line prints
  // localhost; the browser tests use 127.0.0.1). Both name this very listener, so neither can be a foreign page.
  const ownOrigins = e.PUBLIC_ORIGIN ? [publicOrigin] : [publicOrigin, `http://127.0.0.1:${e.PORT}`];
  // Only an explicit signal from the dev script, never merely "NODE_ENV unset".
  const devOrigins = e.VETFLOW_DEV && !production ? ['http://localhost:5173', 'http://127.0.0.1:5173'] : [];
  const extra = e.TRUSTED_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    runtimeDatabaseUrl: e.RUNTIME_DATABASE_URL,
    allowSuperuser: e.ALLOW_SUPERUSER,
    pgliteDataDir: e.PGLITE_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    sessionIdleMs:
      e.SESSION_IDLE_SECONDS !== undefined ? e.SESSION_IDLE_SECONDS * 1000 : e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    publicOrigin,
    trustedOrigins: [...new Set([...ownOrigins, ...devOrigins, ...extra])],
    cookieSecure: e.COOKIE_SECURE || production,
    demo: e.VETFLOW_DEMO,
    adminPassword: e.VETFLOW_ADMIN_PASSWORD,
    webDistDir: e.WEB_DIST_DIR,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    auditSealMs: e.AUDIT_SEAL_SECONDS * 1000,
    clockStart: e.VETFLOW_CLOCK_START === undefined ? undefined : new Date(e.VETFLOW_CLOCK_START),
  };
}
