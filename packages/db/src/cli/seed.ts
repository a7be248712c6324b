import { createDb } from '../client';
import { migrate } from '../migrate';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../seed/demo';

/** `pnpm db:seed`: migrates, then loads the demo clinic (idempotent). Demo data only: the password is public. */
const handle = await createDb();
try {
  await migrate(handle);
  const started = performance.now();
  const counts = await seedDemo(handle.db);
  console.log(`Seeded the ${handle.kind} database in ${Math.round(performance.now() - started)} ms:`, counts);
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
} finally {
  await handle.close();
}
