/**
 * Issue 11: what each role's live events may carry (apps/api/src/live/service.ts), whatever the database's
 * triggers send: the allow-list per role, never a clinical field, the display role only which appointment or
 * patient changed, and audit rows for admins only.
 */
import type { ChangeEvent } from '@vetflow/db';
import { USER_ROLES } from '@vetflow/schema/values';
import { describe, expect, it } from 'vitest';
import { visibleChange } from '../../src/live/service';

const ID = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

/** An appointment's event with every field a trigger sends, plus clinical text one might one day add. */
const full = {
  table: 'appointments',
  id: ID,
  kind: 'update',
  version: 1_800_000_000_000,
  patientId: OTHER,
  vetId: OTHER,
  startsAt: 1_800_000_000_000,
  prevVetId: OTHER,
  prevStartsAt: 1_799_000_000_000,
  reason: 'Limping',
  notes: 'SECRET',
  diagnosis: 'SECRET',
  findings: 'SECRET',
  treatment: 'SECRET',
  prescriptions: 'SECRET',
} as unknown as ChangeEvent;

const CLINICAL = ['reason', 'notes', 'diagnosis', 'findings', 'treatment', 'prescriptions'];

describe('visibleChange: the fields of a live event per role', () => {
  it('no role ever receives a clinical field, even one a trigger started sending', () => {
    for (const role of USER_ROLES) {
      const keys = Object.keys(visibleChange(full, role) ?? {});
      expect(
        keys.filter((key) => CLINICAL.includes(key)),
        role,
      ).toEqual([]);
    }
  });

  it('staff get the allow-listed routing fields (time, vet, patient), nothing more', () => {
    for (const role of ['admin', 'veterinarian', 'assistant'] as const) {
      expect(visibleChange(full, role), role).toEqual({
        table: 'appointments',
        id: ID,
        kind: 'update',
        version: 1_800_000_000_000,
        patientId: OTHER,
        vetId: OTHER,
        startsAt: 1_800_000_000_000,
        prevVetId: OTHER,
        prevStartsAt: 1_799_000_000_000,
      });
    }
  });

  it('a display (waiting-room screen) learns only which appointment or patient changed: table, id, kind, version', () => {
    expect(visibleChange(full, 'display')).toEqual({
      table: 'appointments',
      id: ID,
      kind: 'update',
      version: 1_800_000_000_000,
    });
    const patient = { ...full, table: 'patients', ownerId: OTHER } as ChangeEvent;
    expect(Object.keys(visibleChange(patient, 'display')!).sort()).toEqual([
      'id',
      'kind',
      'table',
      'version',
    ]);
    // Its board shows no medical record: it does not hear of them at all.
    expect(visibleChange({ ...full, table: 'medical_records' } as ChangeEvent, 'display')).toBeNull();
  });

  it('an audit row’s event goes to admins only', () => {
    const audit: ChangeEvent = { table: 'audit_log', id: '42', kind: 'insert', version: 1_800_000_000_000 };
    expect(visibleChange(audit, 'admin')).toEqual(audit);
    for (const role of USER_ROLES.filter((role) => role !== 'admin')) {
      expect(visibleChange(audit, role), role).toBeNull();
    }
  });
});
