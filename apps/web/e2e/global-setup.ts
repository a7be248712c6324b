import type { TestProject } from 'vitest/node';
import { startApiServer } from './api-server';
import { E2E_NOW } from './clock';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The shared servers, one per worker (VITEST_POOL_ID 1 uses the first): where each listens and its clock,
     * its start instant (ISO) and the real time (ms) it started.
     */
    servers: { baseUrl: string; clockStart: string; clockStartedAt: number }[];
  }
}

/**
 * Starts the API servers the browser tests share, on the suite's clock (E2E_NOW, then real time): one per worker,
 * so that two files running at the same time never meet on one server (e2e/support.ts picks the worker's).
 */
export default async function setup(project: TestProject) {
  const workers = Math.max(1, project.config.maxWorkers);
  const starts = await Promise.allSettled(Array.from({ length: workers }, () => startApiServer(E2E_NOW)));
  const servers = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = starts.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  project.provide(
    'servers',
    servers.map((s) => ({
      baseUrl: s.baseUrl,
      clockStart: s.clockStart.toISOString(),
      clockStartedAt: s.startedAt,
    })),
  );
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
