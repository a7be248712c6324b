import { join, resolve } from 'node:path';
import { AuditArchiveError, archiveAudit, verifyArchiveFile } from '../audit/index';
import { createDb } from '../client';

/**
 * `pnpm audit:archive --before <YYYY-MM> [--dir <folder>]`: verifies, exports and detaches every whole month of
 * the audit log before that month (packages/db/src/audit/archive.ts); prints each file and its SHA-256 — keep
 * them with the files. `pnpm audit:archive --check <file>` verifies a file on its own. Runs as the owner
 * (DATABASE_URL); on the embedded database, stop the app first (PGlite allows one process).
 */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
// pnpm runs the script in packages/db: relative paths are the caller's (INIT_CWD).
const here = process.env.INIT_CWD ?? process.cwd();
const check = argument('--check');
const before = argument('--before');

if (check) {
  const result = await verifyArchiveFile(resolve(here, check));
  if (result.ok) console.log(`Verified: ${result.month}, ${result.rows} rows, ${result.seals} seals.`);
  else {
    console.error(`BROKEN: ${result.problem}`);
    process.exitCode = 1;
  }
} else if (!before) {
  console.error('Usage: pnpm audit:archive --before <YYYY-MM> [--dir <folder>] | --check <file>');
  process.exitCode = 2;
} else {
  const dir = resolve(here, argument('--dir') ?? join('.data', 'audit-archive'));
  const handle = await createDb();
  try {
    const done = await archiveAudit(handle.db, { before, dir });
    for (const m of done) {
      console.log(
        `${m.month}: ${m.rows} rows (ids ${m.firstId ?? '–'}–${m.lastId ?? '–'}) → ${m.file}\n  SHA-256 ${m.sha256}; partition detached to audit_archive.${m.partition}`,
      );
    }
    console.log(done.length ? `Archived ${done.length} month(s).` : `No month partition before ${before}.`);
  } catch (error) {
    if (!(error instanceof AuditArchiveError)) throw error;
    console.error(`REFUSED: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
