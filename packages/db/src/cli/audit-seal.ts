import { sealAudit } from '../audit/index';
import { createDb } from '../client';

/** `pnpm audit:seal`: seals every committed audit row not sealed yet (the API also does this every few seconds). */
const handle = await createDb();
try {
  let seals = 0;
  let rows = 0;
  for (let seal = await sealAudit(handle.db); seal; seal = await sealAudit(handle.db)) {
    seals++;
    rows += seal.rowCount;
    console.log(`Seal ${seal.id}: ${seal.rowCount} rows up to id ${seal.lastId}, hash ${seal.sealHash}`);
  }
  console.log(
    seals
      ? `Sealed ${rows} audit rows in ${seals} seal(s).`
      : 'Nothing to seal: every committed audit row is sealed.',
  );
} finally {
  await handle.close();
}
