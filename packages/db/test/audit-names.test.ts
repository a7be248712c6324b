import { appointments, medicalRecords } from '@vetflow/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbHandle } from '../src/client';
import { listAudit } from '../src/queries';
import { createTestDb } from '../src/testing';
import { appointmentRow, insertPatient, insertUser, recordingHandle, recordRow } from './helpers';

// The names a page of the audit log shows (ids read as owners', pets', staff's names, an appointment or a visit
// as its pet and time): found for the whole page in one statement, whichever tables the page mentions.

let handle: DbHandle;
let db: Database;
const recorded: string[] = [];
let recordingDb: Database;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  recordingDb = recordingHandle(handle, (query) => recorded.push(query));
});
afterAll(() => handle?.close());

describe("the audit log's names", () => {
  it('names owners, pets, staff, appointments and visits of a page with one statement', async () => {
    const vet = await insertUser(db, { role: 'veterinarian', fullName: 'Dr. Ana Names' });
    const pet = await insertPatient(db, { name: 'Biscuit' });
    const startsAt = new Date('2031-03-04T09:30:00Z');
    const visitedAt = new Date('2031-02-01T08:00:00Z');
    const [appointment] = await db
      .insert(appointments)
      .values(appointmentRow(pet.id, vet.id, { startsAt, endsAt: new Date(+startsAt + 1_800_000) }))
      .returning();
    const [visit] = await db
      .insert(medicalRecords)
      .values(recordRow(pet.id, vet.id, { visitedAt }))
      .returning();

    recorded.length = 0;
    const page = await listAudit(recordingDb, { limit: 10 });
    // The page itself, then the names: two statements whatever the page mentions.
    expect(recorded).toHaveLength(2);

    const about = (table: string, id: string) =>
      page.items.find((r) => r.tableName === table && r.recordId === id)!;
    const booked = about('appointments', appointment!.id);
    expect(booked.names[appointment!.id]).toEqual({ label: 'Biscuit', at: startsAt });
    expect(booked.names[pet.id]).toEqual({ label: 'Biscuit', at: null });
    expect(booked.names[vet.id]).toEqual({ label: 'Dr. Ana Names', at: null });
    expect(about('medical_records', visit!.id).names[visit!.id]).toEqual({ label: 'Biscuit', at: visitedAt });
    const owner = about('owners', pet.ownerId);
    expect(owner.names[pet.ownerId]!.label).toMatch(/\S+ \S+/);
    expect(owner.names[pet.ownerId]!.at).toBeNull();
  });

  it('sends no name lookup for a page that mentions no record', async () => {
    recorded.length = 0;
    const page = await listAudit(recordingDb, { limit: 5, action: 'login' });
    expect(page.items).toEqual([]);
    expect(recorded).toHaveLength(1);
  });
});
