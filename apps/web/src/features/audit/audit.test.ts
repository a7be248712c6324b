import { describe, expect, it } from 'vitest';
import { auditAccount, auditDiff, displayValue, recordLink, recordTitle } from './audit';

describe('auditDiff', () => {
  it('lists the changed fields of an update, before → after', () => {
    const diff = auditDiff({
      action: 'update',
      oldValues: { id: 'x', phone: '+1 555 000', email: 'a@b.co', updated_at: '2026-01-01T00:00:00Z' },
      newValues: { id: 'x', phone: '+1 555 111', email: 'a@b.co', updated_at: '2026-01-02T00:00:00Z' },
      changedFields: ['phone'],
    });
    expect(diff).toEqual([{ field: 'phone', label: 'Phone', before: '+1 555 000', after: '+1 555 111' }]);
  });
  it('computes the changes when the entry does not list them, without noise columns', () => {
    const diff = auditDiff({
      action: 'update',
      oldValues: { status: 'scheduled', checked_in_at: null, updated_at: 'a' },
      newValues: { status: 'checked_in', checked_in_at: null, updated_at: 'b' },
      changedFields: null,
    });
    expect(diff.map((d) => [d.field, d.before, d.after])).toEqual([['status', 'scheduled', 'checked_in']]);
  });
  it('shows the values set by an insert, skipping empty ones', () => {
    const diff = auditDiff({
      action: 'insert',
      oldValues: null,
      newValues: { id: 'x', first_name: 'Ada', email: null, notes: '', is_active: true, created_at: 'c' },
      changedFields: null,
    });
    expect(diff).toEqual([
      { field: 'first_name', label: 'First name', before: null, after: 'Ada' },
      { field: 'is_active', label: 'Is active', before: null, after: 'Yes' },
    ]);
  });
  it('shows what a delete removed', () => {
    const diff = auditDiff({
      action: 'delete',
      oldValues: { name: 'Rex' },
      newValues: null,
      changedFields: null,
    });
    expect(diff).toEqual([{ field: 'name', label: 'Name', before: 'Rex', after: null }]);
  });
  it('reads auth events from their details', () => {
    const diff = auditDiff({
      action: 'login_failed',
      oldValues: null,
      newValues: { username: 'vet', reason: 'wrong password' },
      changedFields: null,
    });
    expect(diff.map((d) => d.after)).toEqual(['vet', 'wrong password']);
  });
});

describe('displayValue', () => {
  it('renders allergies, booleans, empty lists and timestamps for people', () => {
    expect(displayValue([{ allergen: 'Penicillin', severity: 'severe', reaction: 'Hives' }])).toBe(
      'Penicillin (severe): Hives',
    );
    expect(displayValue([])).toBe('none');
    expect(displayValue(false)).toBe('No');
    expect(displayValue(null)).toBeNull();
    expect(displayValue('2026-11-25T09:30:00.000+00:00')).not.toContain('T09');
    expect(displayValue('2026-11-25')).toBe('2026-11-25');
  });
});

describe('links and titles', () => {
  it('links owners and patients to their pages, appointments and records to their patient', () => {
    expect(recordLink('owners', 'o1', null)).toEqual({ to: '/owners/$ownerId', params: { ownerId: 'o1' } });
    expect(recordLink('patients', 'p1', null)).toEqual({
      to: '/patients/$patientId',
      params: { patientId: 'p1' },
    });
    expect(recordLink('appointments', 'a1', { patient_id: 'p2' })).toEqual({
      to: '/patients/$patientId',
      params: { patientId: 'p2' },
    });
    expect(recordLink('appointments', 'a1', {})).toBeNull();
    expect(recordLink(null, null, null)).toBeNull();
  });
  it('names the record', () => {
    expect(recordTitle('owners', { first_name: 'Ada', last_name: 'Byron' })).toBe('Ada Byron');
    expect(recordTitle('patients', { name: 'Rex' })).toBe('Rex');
    expect(recordTitle('system_users', { full_name: 'Dr Who', username: 'who' })).toBe('Dr Who');
  });
});

describe('auditAccount', () => {
  const about = { accountUsername: 'vet2', accountFullName: 'Dr. James Okafor' };
  it('names the account an entry is about when someone else acted on it', () => {
    expect(auditAccount({ ...about, userId: 'admin-id', recordId: 'vet2-id' })).toBe(
      'Dr. James Okafor (vet2)',
    );
    expect(auditAccount({ ...about, accountFullName: null, userId: null, recordId: 'vet2-id' })).toBe('vet2');
  });
  it('says nothing when the actor is the account, or the entry is about no account', () => {
    expect(auditAccount({ ...about, userId: 'vet2-id', recordId: 'vet2-id' })).toBeNull();
    expect(
      auditAccount({ accountUsername: null, accountFullName: null, userId: 'a', recordId: 'b' }),
    ).toBeNull();
  });
});
