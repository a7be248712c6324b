/**
 * `pnpm bench [--scale <n>]`: the query timings and the dataset (packages/db/bench/run.ts), then — when
 * BENCH_DATABASE_URL names a PostgreSQL database — the side-by-side of the key procedures on that same dataset
 * (bench/side-by-side.ts --existing). Exits 1 when either misses a target; both always run.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = (args: string[]) => spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const queries = run(['--filter', '@vetflow/db', 'bench', ...process.argv.slice(2)]);
let sideBySide = 0;
if (process.env.BENCH_DATABASE_URL) {
  sideBySide = run(['--filter', '@vetflow/api', 'bench:api', '--existing']);
} else {
  console.log(
    'side-by-side of the API skipped: it needs BENCH_DATABASE_URL (a throwaway PostgreSQL database)',
  );
}
process.exitCode = queries === 0 && sideBySide === 0 ? 0 : 1;
