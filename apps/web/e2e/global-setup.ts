import type { TestProject } from 'vitest/node';
import { startApiServer } from './api-server';
import { E2E_NOW } from './clock';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The shared server's clock: its start instant (ISO) and the real time (ms) it started. */
    clockStart: string;
    clockStartedAt: number;
  }
}

/** Starts the API every browser test shares, on the suite's clock (E2E_NOW, then real time). */
export default async function setup(project: TestProject) {
  const server = await startApiServer(E2E_NOW);
  project.provide('baseUrl', server.baseUrl);
  project.provide('clockStart', server.clockStart.toISOString());
  project.provide('clockStartedAt', server.startedAt);
  return () => server.stop();
}
