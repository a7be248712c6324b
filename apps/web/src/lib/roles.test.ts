import { describe, expect, it } from 'vitest';
import { can, recordActions } from './roles';

describe('capabilities by role', () => {
  it('matches the role matrix', () => {
    expect(can('admin', 'setActive')).toBe(true);
    expect(can('veterinarian', 'setActive')).toBe(false);
    expect(can('assistant', 'setActive')).toBe(false);
    expect(can('assistant', 'readClinical')).toBe(false);
    expect(can('veterinarian', 'readClinical')).toBe(true);
    expect(can('admin', 'createRecord')).toBe(false);
    expect(can('veterinarian', 'createRecord')).toBe(true);
    expect(can('admin', 'readAudit')).toBe(true);
    expect(can('veterinarian', 'manageStaff')).toBe(false);
    expect(can(null, 'readAudit')).toBe(false);
  });
});

describe('recordActions', () => {
  const vet = { id: 'v1', role: 'veterinarian' as const };
  it('lets the author amend within 24 hours', () => {
    expect(recordActions({ veterinarianId: 'v1', locked: false }, vet)).toEqual({
      amend: true,
      addendum: false,
    });
  });
  it('turns corrections into addenda once locked, or for another vet’s record', () => {
    expect(recordActions({ veterinarianId: 'v1', locked: true }, vet)).toEqual({
      amend: false,
      addendum: true,
    });
    expect(recordActions({ veterinarianId: 'v2', locked: false }, vet)).toEqual({
      amend: false,
      addendum: true,
    });
  });
  it('offers nothing to admins and assistants', () => {
    expect(recordActions({ veterinarianId: 'v1', locked: false }, { id: 'a', role: 'admin' })).toEqual({
      amend: false,
      addendum: false,
    });
    expect(recordActions({ veterinarianId: 'v1', locked: true }, { id: 'a', role: 'assistant' })).toEqual({
      amend: false,
      addendum: false,
    });
  });
});
