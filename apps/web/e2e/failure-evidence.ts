import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterEach } from 'vitest';

/**
 * What a failed browser test leaves behind, under e2e/failures/: a Playwright trace of each of its open browser
 * contexts (every action with its wait log, the DOM before and after it, console and network; read it with
 * `npx playwright-core trace open <zip>`, then `trace actions`, `trace requests`) and a screenshot of each page. A failure that
 * happens once in many runs (a busy machine) can then be read instead of guessed at.
 */
const failuresDir = fileURLToPath(new URL('./failures/', import.meta.url));

/** The contexts a test opened and has not closed: on failure, their traces are kept. */
const open = new Set<BrowserContext>();

/** Starts recording `context` (newContext calls it); a context closed by its test discards its recording. */
export async function recordForFailure(context: BrowserContext) {
  open.add(context);
  context.on('close', () => open.delete(context));
  await context.tracing.start({ snapshots: true, screenshots: false });
}

afterEach(async ({ task }) => {
  const contexts = [...open];
  open.clear();
  if (task.result?.state !== 'fail') {
    // A context its test left open stops recording here, not at the browser's close.
    await Promise.all(contexts.map((c) => c.tracing.stop().catch(() => {})));
    return;
  }
  mkdirSync(failuresDir, { recursive: true });
  const name = `${task.file.name.replace(/^e2e\//, '').replace(/\W+/g, '-')}-${task.name.replace(/\W+/g, '-').slice(0, 60)}`;
  for (const [i, context] of contexts.entries()) {
    const base = join(failuresDir, `${name}-${i}`);
    for (const [j, page] of context.pages().entries()) {
      await page.screenshot({ path: `${base}-page${j}.png`, fullPage: true }).catch(() => {});
    }
    await context.tracing.stop({ path: `${base}.trace.zip` }).catch(() => {});
    console.error(`failure evidence: ${base}.trace.zip`);
  }
});
