import { createDb } from '../client';
import { migrate } from '../migrate';

/** `pnpm db:migrate`: migrates DATABASE_URL, or the embedded PGlite database when it is unset. */
const started = performance.now();
const handle = await createDb();
try {
  await migrate(handle);
  console.log(`Migrated the ${handle.kind} database in ${Math.round(performance.now() - started)} ms.`);
} finally {
  await handle.close();
}
