import {
  type AuditProblem,
  type Database,
  ensureAuditPartitions,
  sealAudit,
  type VerifiedHead,
  verifyAudit,
} from '@vetflow/db';
import type { FastifyBaseLogger } from 'fastify';

/** What the admin's audit timeline shows: how far the chain is verified, and its head to write down elsewhere. */
export interface AuditIntegrity {
  status: 'checking' | 'verified' | 'broken';
  /** The newest seal verified: every audit row up to it matches the chain. */
  head: { sealId: number; sealHash: string; sealedAt: Date } | null;
  problem: AuditProblem | null;
  /** When the last full verification (every row from the first seal) finished. */
  fullCheckAt: Date | null;
  checkedAt: Date | null;
}

const FULL_CHECK_EVERY_MS = 24 * 60 * 60_000;

/**
 * The API's sealer and watchman: every `intervalMs` it seals what was committed, then verifies what came since
 * the last check; at start and once a day it verifies everything from the first seal (streamed: minutes for
 * millions of rows, in the background), and makes the audit log's partitions ahead. A broken link stays reported
 * until a full check passes again.
 */
export function startAuditIntegrity(db: Database, log: FastifyBaseLogger, intervalMs: number) {
  const state: AuditIntegrity = {
    status: 'checking',
    head: null,
    problem: null,
    fullCheckAt: null,
    checkedAt: null,
  };
  let verified: VerifiedHead | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const record = (report: Awaited<ReturnType<typeof verifyAudit>>, full: boolean) => {
    state.checkedAt = new Date();
    if (full) state.fullCheckAt = state.checkedAt;
    if (report.problem) {
      if (state.status !== 'broken')
        log.error({ problem: report.problem }, 'audit chain verification failed');
      state.status = 'broken';
      state.problem = report.problem;
      return;
    }
    if (full || state.status === 'verified') {
      state.status = 'verified';
      state.problem = null;
    }
    verified = report.head;
    if (verified)
      state.head = { sealId: verified.sealId, sealHash: verified.sealHash, sealedAt: verified.sealedAt };
  };

  const work = async () => {
    try {
      for (let i = 0; i < 20 && !stopped && (await sealAudit(db)); i++);
      const full =
        state.fullCheckAt === null || Date.now() - state.fullCheckAt.getTime() > FULL_CHECK_EVERY_MS;
      // Daily (with the full check): the audit log's partitions for the coming months (migration 0021); a
      // month without one still takes rows, in the DEFAULT partition, so a failure here only warns.
      if (full && !stopped) {
        await ensureAuditPartitions(db).catch((error: unknown) =>
          log.warn({ err: error }, 'making the audit log partitions ahead failed; will retry'),
        );
      }
      if (!stopped && (full || state.status === 'verified')) {
        record(await verifyAudit(db, { since: full ? null : verified }), full);
      }
    } catch (error) {
      log.warn({ err: error }, 'sealing or verifying the audit log failed; will retry');
    }
  };
  /** One round at a time: a round still running when the timer fires again is awaited, not doubled. */
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return {
    state: (): AuditIntegrity => ({ ...state }),
    /** Seals and verifies now (tests; the timer does the same). */
    tick,
    /** Stops the timer and waits for a round in progress (before the database closes). */
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type AuditIntegrityMonitor = ReturnType<typeof startAuditIntegrity>;
