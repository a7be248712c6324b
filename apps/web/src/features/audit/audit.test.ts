import { describe, expect, it } from 'vitest';
import { auditAccount, recordLink } from './audit';

describe('links', () => {
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
