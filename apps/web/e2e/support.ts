import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@vetflow/api';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import superjson from 'superjson';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type ApiServer, startApiServer } from './api-server';
import { E2E_NOW } from './clock';
import { recordForFailure } from './failure-evidence';

export const DEMO_PASSWORD = 'vetflow-demo';
export type DemoUser = 'admin' | 'vet' | 'vet2' | 'assistant' | 'lobby';

const screenshotsDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(screenshotsDir, { recursive: true });

/** A running API server as a test file sees it: where it listens, and its clock (start instant, real start). */
interface ServerClock {
  baseUrl: string;
  clockStart: string;
  clockStartedAt: number;
}

/** This file's own server, once withOwnServer() has started it. */
let ownServer: ServerClock | undefined;

/**
 * The server this file's tests use: its own (withOwnServer), or else the shared server of the worker it runs in.
 * global-setup starts one shared server per worker, so files running at the same time never share one: a file
 * shares its server only with the files that ran before it in the same worker, as when all ran one by one.
 */
function server(): ServerClock {
  if (ownServer) return ownServer;
  const shared = inject('servers');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return shared[(worker - 1) % shared.length]!;
}

export const baseUrl = () => server().baseUrl;

/** The server's "now": its clock's start plus the real time since (it runs at real speed). */
export const serverNow = () => {
  const { clockStart, clockStartedAt } = server();
  return new Date(Date.parse(clockStart) + Date.now() - clockStartedAt);
};

/**
 * Gives this file a server of its own (on the suite's clock, E2E_NOW, plus `env`), started before its tests and
 * stopped after them: for a file that changes what every other file would see (the clinic's opening hours, every
 * session of a demo user) or that needs another configuration. baseUrl(), serverNow(), newContext() and apiAs()
 * then use it. Call it at the top level of the file.
 */
export function withOwnServer(env: NodeJS.ProcessEnv = {}): () => ApiServer {
  let started: ApiServer | undefined;
  beforeAll(async () => {
    started = await startApiServer(E2E_NOW, env);
    ownServer = {
      baseUrl: started.baseUrl,
      clockStart: started.clockStart.toISOString(),
      clockStartedAt: started.startedAt,
    };
  });
  afterAll(async () => {
    ownServer = undefined;
    await started?.stop();
  });
  return () => {
    if (!started) throw new Error('withOwnServer(): the server starts in beforeAll');
    return started;
  };
}

/** Today at `hh:mm` UTC on the server's day (the browsers and the server run in UTC). */
export function serverTodayAt(hours: number, minutes: number) {
  const d = serverNow();
  d.setUTCHours(hours, minutes, 0, 0);
  return d;
}

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides the location. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * This file's Chromium, launched before its tests and closed after them; call it at the top level of the file
 * (`const browser = withBrowser()`) and pass `browser()` where a test needs it.
 */
export function withBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('withBrowser(): the browser is launched in beforeAll');
    return browser;
  };
}

/**
 * A browser context on this file's server whose clock agrees with the server's (running from serverNow()), or
 * on another server (`baseURL`) with the browser's clock held at `fixedTime`.
 */
export async function newContext(
  browser: Browser,
  options: { baseURL?: string; fixedTime?: Date } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? baseUrl(),
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  await recordForFailure(context);
  if (options.fixedTime) await context.clock.setFixedTime(options.fixedTime);
  else await context.clock.install({ time: serverNow() });
  return context;
}

/** Signs in through the sign-in form and waits for the app shell. */
export async function signIn(page: Page, user: DemoUser, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await submitSignIn(page, user, password);
}

/** Fills and sends the sign-in form already on screen (keeps its redirect). */
export async function submitSignIn(page: Page, user: DemoUser, password = DEMO_PASSWORD) {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // The app's shell, or (for a waiting-room display) the board.
  const landed = page
    .getByRole('navigation', { name: 'Main navigation' })
    .or(page.getByRole('heading', { name: 'Waiting room', level: 1 }));
  await expect.poll(() => landed.isVisible()).toBe(true);
}

export async function signedInPage(
  browser: Browser,
  user: DemoUser,
  options: Parameters<typeof newContext>[1] = {},
) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

/** Saves the whole page (or, with `fullPage: false`, what the window shows) under screenshots/. */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage });
}

/**
 * The API as the user signed in to `context` (its session cookie; this file's server unless `url`), outside the browser: what another person's
 * change, made while a screen is open, looks like to that screen.
 */
export async function apiAs(context: BrowserContext, url = baseUrl()) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, transformer: superjson, headers: { cookie, origin: url } })],
  });
}

/**
 * Holds the patient searches for `search` (`patients.list` calls whose input searches exactly it) until the test
 * calls `release()`: what a screen shows while a search is on its way. `asked` settles when one has been sent.
 */
export async function holdPatientSearch(page: Page, search: string) {
  let asked!: () => void;
  let release!: () => void;
  const sent = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) =>
      url.pathname.includes('patients.list') &&
      decodeURIComponent(url.search).includes(`"search":${JSON.stringify(search)}`),
    async (route) => {
      asked();
      await released;
      await route.continue();
    },
  );
  return { asked: sent, release };
}

/** Opens the quick search (Ctrl+K) and returns its box; the shortcut is live once the lazily loaded search mounts. */
export async function openQuickSearch(page: Page): Promise<Locator> {
  const box = page.getByRole('textbox', { name: 'Search owners and patients' });
  await expect
    .poll(
      async () => {
        if (!(await box.isVisible())) await page.keyboard.press('Control+k');
        return box.isVisible();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
  return box;
}

/** The message shown under a form field (the error its aria-describedby names), or null when it has none. */
export async function fieldError(field: Locator): Promise<string | null> {
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId ? field.page().locator(`[id="${errorId}"]`).textContent() : null;
}

/** Waits until no skeleton or spinner is left on the page. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('[aria-busy="true"], .mantine-Skeleton-root').count(), { timeout: 15_000 })
    .toBe(0);
}

/** axe-core over the page: the serious and critical violations, described for a failure message. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** A unique suffix so that tests can run against the same database more than once. */
export const unique = () => Date.now().toString(36).slice(-5);

/**
 * An owner with one pet, registered through the API as the user of `context`; names and email end in `suffix`
 * (unique per test), and `pet` adds to the pet (its species, its allergies).
 */
export async function ownerWithPet(
  context: BrowserContext,
  suffix: string,
  pet: Partial<Parameters<Awaited<ReturnType<typeof apiAs>>['patients']['create']['mutate']>[0]> = {},
) {
  const api = await apiAs(context);
  const owner = await api.owners.create.mutate({
    firstName: 'Sam',
    lastName: `Owner${suffix}`,
    phone: '+1 555 010 7070',
    email: `sam.${suffix.toLowerCase()}@example.org`,
  });
  const created = await api.patients.create.mutate({
    name: `Pip${suffix}`,
    species: 'Cat',
    ...pet,
    ownerId: owner.id,
  });
  return { api, owner, pet: created };
}
