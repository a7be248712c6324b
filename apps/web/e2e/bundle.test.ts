import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newContext, settled, submitSignIn, withBrowser } from './support';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const LIMIT = 300 * 1024;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;

const browser = withBrowser();

describe('the JavaScript a first visit loads', () => {
  it('keeps the entry and its preloads at or under 300 kB gzip', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const total = files.reduce((sum, f) => sum + gz(f), 0);
    console.info(`initial JS: ${(total / 1024).toFixed(1)} kB gzip in ${files.length} files`);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it('keeps all the JavaScript of sign-in and the first screen (Today) at or under 300 kB gzip', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    const loaded = new Set<string>();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.endsWith('.js')) loaded.add(path.slice(1));
    });
    await page.goto('/login');
    await settled(page);
    const signIn = [...loaded].reduce((sum, f) => sum + gz(f), 0);
    await submitSignIn(page, 'assistant');
    await settled(page);
    const today = [...loaded].reduce((sum, f) => sum + gz(f), 0);
    console.info(
      `sign-in page JS: ${(signIn / 1024).toFixed(1)} kB gzip; with Today: ${(today / 1024).toFixed(1)} kB gzip`,
    );
    expect(signIn).toBeLessThanOrEqual(LIMIT);
    expect(today).toBeLessThanOrEqual(LIMIT);
    await context.close();
  });
});
