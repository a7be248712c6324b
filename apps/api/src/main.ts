import { fileURLToPath } from 'node:url';
import { connectRuntime, createDb, migrate, RuntimeRoleError } from '@vetflow/db';
import { bootstrapDatabase } from './bootstrap';
import { clockFromConfig } from './clock';
import { ConfigError, loadConfig } from './config';
import { buildServer } from './server';

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function main() {
  const config = loadConfig();
  const clock = clockFromConfig(config);
  const owner = await createDb({ url: config.databaseUrl, dataDir: config.pgliteDataDir });
  await migrate(owner);
  const outcome = await bootstrapDatabase(owner, config, clock);
  // Serve through the runtime role (or RUNTIME_DATABASE_URL), never through the owner's URL: issue 7 #10.
  const { handle, role } = await connectRuntime(owner, config.databaseUrl, {
    runtimeUrl: config.runtimeDatabaseUrl,
    allowSuperuser: config.allowSuperuser,
  });
  const app = await buildServer({
    config: { ...config, webDistDir: config.webDistDir ?? defaultWebDist },
    db: handle.db,
    clock,
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // close() stops accepting connections and waits for in-flight requests before resolving.
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Last resort, not recovery: a throw no code awaited (a driver timer, a dropped promise) leaves the process in
  // an unknown state, so we never swallow it and carry on. We log it as one structured fatal line (Node's
  // default prints an unstructured stack to stderr), then exit 1 so the supervisor restarts a clean process.
  // A database outage itself never gets here: the driver is patched and the pool reconnects (issue 7 #11).
  const fatal = (error: unknown, origin: string) => {
    app.log.fatal({ err: error, origin }, 'uncaught error: exiting so the process restarts clean');
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 1000).unref(); // flush the log line
  };
  process.on('uncaughtException', (error, origin) => fatal(error, origin));
  process.on('unhandledRejection', (reason) => fatal(reason, 'unhandledRejection'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ role }, `serving as database role "${role}"`);
  const url = `http://localhost:${config.port}`;
  const lines = [
    `VetFlow is running on ${url} (${handle.kind === 'pglite' ? 'embedded PGlite database' : 'PostgreSQL'}, as database role "${role}")`,
  ];
  if (config.clockStart)
    lines.push(`Clock started at ${config.clockStart.toISOString()} (VETFLOW_CLOCK_START)`);
  if (outcome.kind === 'demo') {
    lines.push(
      `Demo sign-ins: ${outcome.usernames.join(', ')} — password "${outcome.password}" (demo data only)`,
    );
  } else if (outcome.kind === 'admin') {
    lines.push(
      outcome.generatedPassword
        ? `Created the first account: username "admin", password "${outcome.generatedPassword}" (shown once; change it after signing in)`
        : 'Created the first account: username "admin" with the password from VETFLOW_ADMIN_PASSWORD',
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof RuntimeRoleError) {
    console.error(error.message);
  } else {
    console.error('VetFlow could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
