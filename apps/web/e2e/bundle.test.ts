import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newContext, settled, submitSignIn, withBrowser } from './support';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const LIMIT = 300 * 1024;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;

const browser = withBrowser();

describe('the stylesheets', () => {
  it("have Mantine's rules for every Mantine class the JavaScript uses (src/mantine.css names them one by one)", () => {
    const files = readdirSync(join(dist, 'assets'));
    const read = (ext: string) =>
      files
        .filter((f) => f.endsWith(ext))
        .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'))
        .join('\n');
    const css = read('.css');
    // Mantine's static class names (and keyframes): m_ and 8 hex digits.
    const used = new Set(read('.js').match(/\bm_[0-9a-f]{8}\b/g));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((name) => !css.includes(name))).toEqual([]);
  });
});

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

describe('a signed-in load of Today', () => {
  it("names the shell's and Today's chunks with the page (Link preloads), each of them one the page then runs", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/login');
    const signInPage = await page.reload();
    // No session yet: the sign-in page needs none of the signed-in code.
    expect(signInPage?.headers().link).toBeUndefined();
    await submitSignIn(page, 'assistant');
    const loaded = new Set<string>();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.endsWith('.js')) loaded.add(path);
    });
    const today = await page.goto('/today');
    await settled(page);
    const preloaded = [...(today?.headers().link ?? '').matchAll(/<([^>]+\.js)>; rel=modulepreload/g)].map(
      (m) => m[1]!,
    );
    expect(preloaded.some((path) => /\/AppLayout-[\w-]+\.js$/.test(path))).toBe(true);
    expect(preloaded.some((path) => /\/TodayPage-[\w-]+\.js$/.test(path))).toBe(true);
    // Nothing preloaded in vain: the page runs every chunk it was told to fetch early.
    expect(preloaded.filter((path) => !loaded.has(path))).toEqual([]);
    await context.close();
  });
});
