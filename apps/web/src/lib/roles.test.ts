import { describe, expect, it } from 'vitest';
import { ACCESS } from './access.generated';
import { can, readsClinicalFields, recordActions } from './roles';

describe('can: what the server declares each procedure allows', () => {
  it('matches the role matrix', () => {
    expect(can('admin', 'patients.setActive')).toBe(true);
    expect(can('veterinarian', 'patients.setActive')).toBe(false);
    expect(can('assistant', 'owners.setActive')).toBe(false);
    expect(can('veterinarian', 'patients.markDeceased')).toBe(true);
    expect(can('assistant', 'patients.markDeceased')).toBe(false);
    expect(can('admin', 'medicalRecords.create')).toBe(false);
    expect(can('veterinarian', 'medicalRecords.create')).toBe(true);
    expect(can('admin', 'audit.list')).toBe(true);
    expect(can('veterinarian', 'users.list')).toBe(false);
    expect(can('assistant', 'users.veterinarians')).toBe(true);
    expect(can(null, 'audit.list')).toBe(false);
  });

  it('lets anyone call a public procedure and any signed-in user an authenticated one', () => {
    expect(can(null, 'auth.login')).toBe(true);
    expect(can(undefined, 'auth.profile')).toBe(false);
    expect(can('assistant', 'auth.profile')).toBe(true);
  });

  it('knows every procedure (generated from the API router)', () => {
    expect(Object.keys(ACCESS)).toContain('users.create');
    expect(Object.keys(ACCESS).length).toBeGreaterThan(30);
  });
});

describe('readsClinicalFields', () => {
  it('shows clinical fields to vets and admins only', () => {
    expect(readsClinicalFields('veterinarian')).toBe(true);
    expect(readsClinicalFields('admin')).toBe(true);
    expect(readsClinicalFields('assistant')).toBe(false);
    expect(readsClinicalFields(null)).toBe(false);
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
