import { verifyAudit } from '../audit/index';
import { createDb } from '../client';

/**
 * `pnpm audit:verify`: recomputes the whole audit chain and names the first broken link (exit code 1). Prints
 * the chain head: compare it with one written down earlier to detect a rewrite of everything.
 */
const handle = await createDb();
try {
  const started = performance.now();
  const report = await verifyAudit(handle.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (report.head) {
    console.log(
      `Chain head: seal ${report.head.sealId}, ${report.head.sealedAt.toISOString()}, ${report.head.sealHash}`,
    );
  }
  console.log(
    `${report.seals} seals, ${report.sealedRows} sealed rows, ${report.unsealedRows} not sealed yet` +
      `${report.archivedRows ? `, ${report.archivedRows} in archived months (pnpm audit:archive)` : ''} (${seconds} s).`,
  );
  if (report.problem) {
    console.error(`BROKEN: ${report.problem.message}`);
    process.exitCode = 1;
  } else {
    console.log('Verified: the audit log matches its seals.');
  }
} finally {
  await handle.close();
}
