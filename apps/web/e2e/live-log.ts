import type { BrowserContext, Page } from 'playwright-core';

/** What the page saw, in order: live frames (their data) and the tRPC calls it sent (their procedures). */
export type LogEntry = { kind: 'frame'; data: string } | { kind: 'call'; path: string };

/**
 * Records, inside the page, every live updates frame and every tRPC call it makes, in the order they happen
 * (no clock: the browser's is a test clock). Installed before the app loads, for every page of the context.
 */
export async function watchLive(context: BrowserContext) {
  await context.addInitScript(() => {
    const log: unknown[] = [];
    (window as unknown as { liveLog: unknown[] }).liveLog = log;
    const NativeEventSource = window.EventSource;
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('message', (event) => log.push({ kind: 'frame', data: event.data }));
      }
    };
    const nativeFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const match = /\/trpc\/([^?]+)/.exec(url);
      if (match) log.push({ kind: 'call', path: decodeURIComponent(match[1]!) });
      return nativeFetch(input, init);
    };
  });
}

export const liveLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveLog: LogEntry[] }).liveLog.slice());
