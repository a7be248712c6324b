import { auditLog } from '@vetflow/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAudit, verifyAudit } from '../src/audit/index';
import { createDb, type DbHandle } from '../src/client';
import { createTestDb, type TestDbHandle } from '../src/testing';

// Sealing beside concurrent writers (PostgreSQL only: PGlite runs one transaction at a time, so nothing is ever
// in flight while it seals). Writers are never blocked; a row committed after a later id was sealed goes into a
// later seal; nothing is lost and everything ends up sealed exactly once.

let owner: TestDbHandle;
let writers: DbHandle;
beforeAll(async () => {
  owner = await createTestDb();
  writers = await createDb({ url: owner.url, maxConnections: 10 });
});
afterAll(async () => {
  await writers?.close();
  await owner?.close();
});

describe('sealing while others write (PostgreSQL)', () => {
  it('a row still in flight is a gap, stays open while its writer runs, and is sealed late once committed', async () => {
    let commit!: () => void;
    let inserted!: (id: number) => void;
    const insertedId = new Promise<number>((resolve) => {
      inserted = resolve;
    });
    const slow = writers.db.transaction(async (tx) => {
      const [row] = await tx.insert(auditLog).values({ action: 'login', requestId: 'slow' }).returning();
      inserted(row!.id);
      await new Promise<void>((resolve) => {
        commit = resolve;
      });
    });
    const slowId = await insertedId;
    await writers.db.insert(auditLog).values([{ action: 'login' }, { action: 'logout' }]);

    const first = await sealAudit(owner.db, { gapGraceMs: 0 });
    expect(first!.gapIds).toContain(slowId);
    expect(first!.openIds).toContain(slowId);
    await writers.db.insert(auditLog).values({ action: 'login' });
    const second = await sealAudit(owner.db, { gapGraceMs: 0 });
    expect(second!.closedIds).not.toContain(slowId); // its writer may still commit
    expect(second!.openIds).toContain(slowId);

    commit();
    await slow;
    const third = await sealAudit(owner.db, { gapGraceMs: 0 });
    expect(third!.lateIds).toEqual([slowId]);
    expect(third!.openIds).not.toContain(slowId);
    expect(await verifyAudit(owner.db)).toMatchObject({ ok: true, unsealedRows: 0 });
  });

  it('eight writers and a sealer at once: every committed row sealed once, rolled-back ids closed, chain clean', async () => {
    // With writers running, a gap is declared dead only after the grace (seal.ts): a writer may have drawn its id
    // just before a seal's snapshot and got its transaction id just after, and with no grace at all such an id
    // was closed while its row was still to commit (then found "inserted into a sealed range"). The API uses a
    // minute; a second here is far longer than that window.
    const options = { gapGraceMs: 1_000 };
    let writing = true;
    const sealer = (async () => {
      let seals = 0;
      while (writing) {
        if (await sealAudit(owner.db, options)) seals++;
      }
      return seals;
    })();
    const writer = async (w: number) => {
      for (let i = 0; i < 40; i++) {
        await writers.db
          .transaction(async (tx) => {
            await tx.insert(auditLog).values({ action: 'login', requestId: `w${w}-${i}` });
            if (i % 7 === 3) throw new Error('roll back');
          })
          .catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    writing = false;
    const sealsDuringWrites = await sealer;
    // Every writer has ended, so no open id can still be committed: the rest close without the grace, once no
    // transaction that was running at their seals is left on the server (the snapshot's xmin is the whole
    // server's: another test file's transaction can hold it back a moment). Seal until they close; the
    // assertions below fail if they never do.
    const deadline = Date.now() + 15_000;
    let report: Awaited<ReturnType<typeof verifyAudit>>;
    do {
      while (await sealAudit(owner.db, { gapGraceMs: 0 }));
      report = await verifyAudit(owner.db);
      if (!report.ok || report.head?.openIds.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);

    const committed = await owner.db.$count(auditLog);
    expect(sealsDuringWrites).toBeGreaterThan(1);
    expect(report).toMatchObject({ ok: true, unsealedRows: 0, sealedRows: committed });
    const { head } = report;
    expect(head!.openIds).toEqual([]); // every rolled-back id was declared dead once no writer was left
  });
});
