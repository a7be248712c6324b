import { setAuditContext } from '@vetflow/db';
import { owners } from '@vetflow/schema';
import { DEMO_DATA_REQUEST_ID } from '@vetflow/schema/audit-display';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { createOwnerWithPet, slot } from '../support/fixtures';

// The audit timeline for a practice manager (issue 9, flow 5): ids read as the names they point to, a search by
// name finds the rows about that owner, pet or staff account, rows written outside the app say by what, and the
// filtered timeline exports as CSV that a spreadsheet cannot run.

let t: TestApp;
let admin: TestClient;
let assistant: TestClient;
let fx: Awaited<ReturnType<typeof createOwnerWithPet>> & { appointmentId: string; startsAt: Date };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('admin');
  assistant = await t.signIn('assistant');
  const created = await createOwnerWithPet(assistant, 'Timeline');
  const { startsAt, endsAt } = slot(10, 30);
  const appointment = await assistant.trpc.appointments.create.mutate({
    patientId: created.patient.id,
    veterinarianId: t.users.vet.id,
    startsAt,
    endsAt,
    reason: 'Vaccination',
  });
  fx = { ...created, appointmentId: appointment.id, startsAt };
});
afterAll(() => t.close());

const staffName = async (id: string) =>
  (await admin.trpc.users.list.query()).find((u) => u.id === id)!.fullName;

describe('names instead of ids', () => {
  it('an appointment is named by its pet and time; its patient, vet and booker by their names', async () => {
    const { items } = await admin.trpc.audit.list.query({
      tableName: 'appointments',
      recordId: fx.appointmentId,
    });
    const [created] = items;
    expect(created).toMatchObject({ action: 'insert', actor: await staffName(t.users.assistant.id) });
    expect(created!.names[fx.appointmentId]).toEqual({ label: fx.patient.name, at: fx.startsAt });
    const values = created!.newValues as Record<string, string>;
    expect(created!.names[values.patient_id!]).toEqual({ label: fx.patient.name, at: null });
    expect(created!.names[values.veterinarian_id!]!.label).toBe(await staffName(t.users.vet.id));
    expect(created!.names[values.created_by!]!.label).toBe(await staffName(t.users.assistant.id));
  });

  it("a patient's owner is named, in its old and new values", async () => {
    const other = await assistant.trpc.owners.create.mutate({
      firstName: 'Nina',
      lastName: 'Newhome',
      phone: '+1 555 010 4455',
    });
    const patient = await assistant.trpc.patients.get.query({ id: fx.patient.id });
    await assistant.trpc.patients.update.mutate({
      id: patient.id,
      updatedAt: patient.updatedAt,
      ownerId: other.id,
    });
    const { items } = await admin.trpc.audit.list.query({
      tableName: 'patients',
      recordId: patient.id,
      action: 'update',
    });
    expect(items[0]!.names).toMatchObject({
      [fx.owner.id]: { label: 'OliveTimeline Owner' },
      [other.id]: { label: 'Nina Newhome' },
      [patient.id]: { label: fx.patient.name },
    });
  });
});

describe('search by name', () => {
  it("a pet's name finds the pet's own rows and its appointments', nothing else", async () => {
    const { items } = await admin.trpc.audit.list.query({ search: fx.patient.name });
    const about = new Set(items.map((e) => `${e.tableName}:${e.recordId}`));
    expect(about).toEqual(new Set([`patients:${fx.patient.id}`, `appointments:${fx.appointmentId}`]));
  });

  it("an owner's or a staff member's name finds their rows; every word must match", async () => {
    const byOwner = await admin.trpc.audit.list.query({ search: 'olivetimeline owner' });
    expect(byOwner.items.length).toBeGreaterThan(0);
    expect(byOwner.items.every((e) => e.tableName === 'owners' && e.recordId === fx.owner.id)).toBe(true);
    const staff = await t.createStaff('veterinarian');
    const byStaff = await admin.trpc.audit.list.query({ search: staff.fullName });
    expect(byStaff.items.map((e) => [e.tableName, e.recordId])).toContainEqual(['system_users', staff.id]);
    expect((await admin.trpc.audit.list.query({ search: 'olivetimeline nobody' })).items).toEqual([]);
  });

  it('wildcards are taken literally and a name nobody has finds nothing', async () => {
    for (const search of ['%', '_', 'Zyxwvut']) {
      expect((await admin.trpc.audit.list.query({ search })).items, search).toEqual([]);
    }
  });
});

describe('rows written outside the app', () => {
  it('the demo seed reads "Demo data"; other direct changes name the maintenance task and its database user', async () => {
    const [demo] = await t.db.transaction(async (tx) => {
      await setAuditContext(tx, { userId: null, requestId: DEMO_DATA_REQUEST_ID });
      return tx
        .insert(owners)
        .values({ firstName: 'Dana', lastName: 'Demo', phone: '+1 555 010 7001' })
        .returning();
    });
    const [manual] = await t.db
      .insert(owners)
      .values({ firstName: 'Manu', lastName: 'Maintenance', phone: '+1 555 010 7002' })
      .returning();
    const actorOf = async (id: string) =>
      (await admin.trpc.audit.list.query({ tableName: 'owners', recordId: id })).items[0]!.actor;
    expect(await actorOf(demo!.id)).toBe('Demo data');
    expect(await actorOf(manual!.id)).toMatch(/^Maintenance task \(database user [^)]+\)$/);
  });
});

describe('CSV export', () => {
  let pages = 0;
  const exportAll = async (client: TestClient, filter: Record<string, unknown>) => {
    let csv = '';
    pages = 0;
    let cursor: string | null = null;
    do {
      const page: { csv: string; nextCursor: string | null } = await client.trpc.audit.exportCsv.query({
        ...filter,
        timeZone: 'UTC',
        cursor,
      });
      csv += page.csv;
      pages++;
      cursor = page.nextCursor;
    } while (cursor);
    return csv;
  };

  it('exports the filtered timeline with names, labels and UTC times', async () => {
    const csv = await exportAll(admin, { tableName: 'appointments', recordId: fx.appointmentId });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('When,Who,Action,Record type,Record,Changes,IP address,Request id');
    expect(lines.at(-1)).toBe('');
    const row = lines[1]!;
    const hhmm = fx.startsAt.toISOString().slice(11, 16);
    expect(row).toContain(`,Created,Appointment,"${fx.patient.name}, `);
    expect(row).toContain(hhmm);
    expect(row).toContain(`Patient: ${fx.patient.name}`);
    expect(row).toContain('Status: Scheduled');
    expect(row).toContain(`Veterinarian: ${await staffName(t.users.vet.id)}`);
    expect(row).not.toContain(t.users.vet.id);
    expect(row).not.toContain(fx.patient.id);
  });

  it('a cell that a spreadsheet would run as a formula is prefixed with a quote, and quotes are doubled', async () => {
    const staff = await t.createStaff('assistant');
    const evil = '=HYPERLINK("http://evil.example","click"),x';
    const current = (await admin.trpc.users.list.query()).find((u) => u.id === staff.id)!;
    await admin.trpc.users.update.mutate({ id: staff.id, updatedAt: current.updatedAt, fullName: evil });
    const csv = await exportAll(admin, { tableName: 'system_users', recordId: staff.id, action: 'update' });
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""),x",`);
    for (const line of csv.split('\r\n').slice(1))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('comes a page at a time (500 rows), the header once, every row once', async () => {
    const bulk = Array.from({ length: 520 }, (_, i) => ({
      firstName: `Bulk${i}`,
      lastName: 'Export',
      phone: `+1 555 020 ${String(1000 + i)}`,
    }));
    await t.db.insert(owners).values(bulk);
    const csv = await exportAll(admin, { tableName: 'owners', action: 'insert' });
    expect(pages).toBe(2);
    expect(csv.match(/^When,Who,Action/gm)).toHaveLength(1);
    for (const i of [0, 250, 519])
      expect(csv.match(new RegExp(`First name: Bulk${i}\\b`, 'g'))).toHaveLength(1);
  });

  it('is refused to anyone but an admin, and an unknown time zone is refused naming the field', async () => {
    for (const client of [assistant, await t.signIn('vet')]) {
      await expect(client.trpc.audit.exportCsv.query({ timeZone: 'UTC' })).rejects.toMatchObject({
        data: { code: 'FORBIDDEN' },
      });
    }
    await expect(t.anonymous().trpc.audit.exportCsv.query({ timeZone: 'UTC' })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    await expect(admin.trpc.audit.exportCsv.query({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', issues: [{ path: 'timeZone' }] },
    });
  });
});
