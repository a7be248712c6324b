import { owners } from '@vetflow/schema';
import { type ActingRole, setAuditContext } from '../src/audit-context';
import type { DbHandle, Executor } from '../src/client';
import { getPatient } from '../src/queries/index';
import { connectRuntime, currentDatabaseRoles } from '../src/roles';

const READS = 2000;
const WRITES = 400;

/**
 * The cost of the per-request role switch (issue 10), reported: a read (a patient's page: getPatient, 4 queries)
 * and an owner write, each as a request runs it: before defence in depth (a read straight on the pool, a write
 * in a transaction that sets the audit context), in the same transaction without the role switch, and as the
 * API runs them now (the same statement also switches role and, for a read, makes the transaction read-only).
 * The modes without a switch run on the owner's connection (the runtime role alone may read no clinic data), the
 * switched ones through the runtime role's own login on PostgreSQL, as the API serves; one connection each.
 */
export async function roleSwitchCost(owner: DbHandle, patientIds: string[], now: Date) {
  const runtime = await connectRuntime(owner, process.env.BENCH_DATABASE_URL, {
    keepOwner: true,
    maxConnections: 1,
  });
  const roles = await currentDatabaseRoles(runtime.handle.db);
  try {
    const inTransaction = <T>(acting: ActingRole | undefined, work: (tx: Executor) => Promise<T>) =>
      (acting ? runtime.handle.db : owner.db).transaction(async (tx) => {
        await setAuditContext(tx, { userId: null, requestId: 'bench' }, acting);
        return work(tx);
      });
    const read = (i: number) => (tx: Executor) => getPatient(tx, patientIds[i % patientIds.length]!, now);
    let n = 0;
    const write = (tx: Executor) =>
      tx.insert(owners).values({ firstName: 'Role', lastName: `Switch ${n++}`, phone: '+1 555 010 0000' });
    const reads: Record<string, (i: number) => Promise<unknown>> = {
      'no transaction (before)': (i) => read(i)(owner.db),
      'transaction + audit context': (i) => inTransaction(undefined, read(i)),
      'transaction + role switch, read-only (now)': (i) =>
        inTransaction({ role: roles.veterinarian, readOnly: true, now }, read(i)),
    };
    const writes: Record<string, () => Promise<unknown>> = {
      'audited transaction (before)': () => inTransaction(undefined, write),
      'audited transaction + role switch (now)': () => inTransaction({ role: roles.assistant, now }, write),
    };
    const readMedians = Object.fromEntries(Object.keys(reads).map((mode) => [mode, [] as number[]]));
    const writeRates = Object.fromEntries(Object.keys(writes).map((mode) => [mode, [] as number[]]));
    // Interleaved rounds, so drift on a busy machine falls on every mode alike.
    for (let round = 0; round < 3; round++) {
      for (const [mode, run] of Object.entries(reads)) {
        const samples: number[] = [];
        for (let i = 0; i < READS / 3; i++) {
          const started = performance.now();
          await run(i);
          samples.push(performance.now() - started);
        }
        samples.sort((a, b) => a - b);
        readMedians[mode]!.push(samples[Math.floor(samples.length / 2)]!);
      }
      for (const [mode, run] of Object.entries(writes)) {
        const started = performance.now();
        for (let i = 0; i < WRITES / 2; i++) await run();
        writeRates[mode]!.push(Math.round((WRITES / 2 / (performance.now() - started)) * 1000));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `role switch, a patient page read (median ms, median of 3 rounds): ${Object.entries(readMedians)
        .map(([mode, values]) => `${mode} ${median(values).toFixed(2)}`)
        .join('; ')}`,
    );
    console.log(
      `role switch, owner writes/s (one at a time, median of 3 rounds): ${Object.entries(writeRates)
        .map(([mode, values]) => `${mode} ${median(values)}`)
        .join('; ')}`,
    );
  } finally {
    if (runtime.handle !== owner) await runtime.handle.close();
  }
}
