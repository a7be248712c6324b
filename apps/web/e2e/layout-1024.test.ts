import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  type DemoUser,
  newContext,
  ownerWithPet,
  screenshot,
  settled,
  signIn,
  unique,
  withBrowser,
} from './support';

/**
 * Every page at 1024×768 (issue 9, bug 10): nothing scrolls sideways, no badge is cut short ("AC…"), nothing in
 * the main area reaches past its right edge (the audit filters were clipped), and the audit dates are the date
 * picker, never the browser's "mm/dd/yyyy" field. Each page is screenshotted, as an admin and as a vet.
 */
const browser = withBrowser();
const id = unique();

/** What is wrong with the layout of the page as it is now, described; empty when nothing is. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const label of document.querySelectorAll<HTMLElement>('.mantine-Badge-label')) {
      if (label.scrollWidth > label.clientWidth + 1)
        problems.push(`badge cut: "${label.textContent}" (${label.scrollWidth} > ${label.clientWidth})`);
    }
    // A control reaching past the right edge of the area it is in (main, or an open dialog) is clipped, or hidden
    // in a table that scrolls sideways on its own.
    const areas = [...document.querySelectorAll<HTMLElement>('main, [role="dialog"]')];
    for (const area of areas) {
      const right = area.getBoundingClientRect().right;
      for (const el of area.querySelectorAll<HTMLElement>('input, select, button, .mantine-Badge-root')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > right + 1)
          problems.push(
            `clipped: ${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 40)}" ends at ${Math.round(box.right)} > ${Math.round(right)}`,
          );
      }
    }
    return problems;
  });
}

/** Problems by page, collected over a whole run so that one failure lists every page at fault. */
let found: Record<string, string[]> = {};

async function check(page: Page, name: string) {
  await settled(page);
  await screenshot(page, `layout-1024-${name}`);
  const problems = await layoutProblems(page);
  if (problems.length > 0) found[name] = [...new Set(problems)];
}

async function visit(page: Page, path: string, name: string) {
  await page.goto(path);
  await check(page, name);
}

async function at1024(user: DemoUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser());
  const page = await context.newPage();
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, user);
  return { context, page };
}

/** The pages every role has. */
async function commonPages(page: Page, context: BrowserContext, who: DemoUser) {
  const { owner, pet } = await ownerWithPet(context, `Wide${who}${id}`);
  await visit(page, '/today', `${who}-today`);
  await visit(page, '/calendar', `${who}-calendar`);
  await visit(page, '/calendar?view=day', `${who}-calendar-day`);
  await visit(page, '/owners', `${who}-owners`);
  // Every owner, active or not (inactive ones are marked).
  await visit(page, '/owners?status=all', `${who}-owners-all`);
  await visit(page, `/owners/${owner.id}`, `${who}-owner`);
  await visit(page, `/owners/${owner.id}/edit`, `${who}-owner-edit`);
  await visit(page, '/owners/new', `${who}-owner-new`);
  await visit(page, `/owners/${owner.id}/pets/new`, `${who}-patient-new`);
  await visit(page, `/patients/${pet.id}`, `${who}-patient`);
  await visit(page, `/patients/${pet.id}/edit`, `${who}-patient-edit`);
  await visit(page, '/account', `${who}-account`);
  return { owner, pet };
}

describe('every page at 1024×768', () => {
  it('as an admin: no sideways scroll, no cut badge, nothing clipped; audit dates are a date picker', async () => {
    found = {};
    const { context, page } = await at1024('admin');
    await commonPages(page, context, 'admin');

    await visit(page, '/admin/users', 'admin-staff');
    await page.getByRole('button', { name: /^Actions for Dr\. Sofia Ramirez/ }).click();
    await page.getByRole('menuitem', { name: 'Edit name, email, role' }).click();
    await page.getByRole('dialog', { name: /^Edit / }).waitFor();
    await check(page, 'admin-staff-edit');
    await page.keyboard.press('Escape');

    await visit(page, '/admin/audit', 'admin-audit');
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    for (const label of ['From', 'To']) {
      const box = await page.getByRole('button', { name: label, exact: true }).boundingBox();
      expect(box?.width, label).toBeGreaterThan(100);
    }
    await context.close();
    expect(found).toEqual({});
  });

  it('as a vet, with the visit form and a record’s amendment and addendum dialogs', async () => {
    found = {};
    const { context, page } = await at1024('vet');
    const { pet } = await commonPages(page, context, 'vet');
    await visit(page, `/patients/${pet.id}/visits/new`, 'vet-visit-new');

    const api = await apiAs(context);
    await api.medicalRecords.create.mutate({ patientId: pet.id, reason: `Wide check ${id}` });
    await page.goto(`/patients/${pet.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Amend' }).click();
    await page.getByRole('dialog', { name: 'Amend the visit record' }).waitFor();
    await check(page, 'vet-record-amend');
    await page.keyboard.press('Escape');

    // A demo patient with another vet's (or an old) record takes an addendum.
    const me = (await api.auth.me.query()).user!;
    let withRecords: string | null = null;
    for (const p of (await api.patients.list.query({ limit: 25 })).items) {
      const records = await api.medicalRecords.listForPatient.query({ patientId: p.id });
      if (records.some((r) => r.kind === 'full' && (r.locked || r.veterinarianId !== me.id))) {
        withRecords = p.id;
        break;
      }
    }
    expect(withRecords).not.toBeNull();
    await page.goto(`/patients/${withRecords}`);
    await settled(page);
    await page.getByRole('button', { name: 'Add addendum' }).first().click();
    await page.getByRole('dialog', { name: 'Add an addendum' }).waitFor();
    await check(page, 'vet-record-addendum');
    await context.close();
    expect(found).toEqual({});
  });
});
