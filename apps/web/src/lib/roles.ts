import type { UserRole } from '@vetflow/schema/values';

/**
 * What each role may do, as the UI needs it to decide what to offer. The server's policy
 * (apps/api/src/trpc/policy.ts) stays the authority; this mirrors the role matrix in ARCHITECTURE.md.
 */
export const CAPABILITIES = {
  /** deactivate/reactivate owners and patients */
  setActive: ['admin'],
  markDeceased: ['admin', 'veterinarian'],
  /** read clinical fields of medical records */
  readClinical: ['admin', 'veterinarian'],
  createRecord: ['veterinarian'],
  amendRecord: ['veterinarian'],
  manageStaff: ['admin'],
  readAudit: ['admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export const can = (role: UserRole | null | undefined, capability: Capability) =>
  !!role && (CAPABILITIES[capability] as readonly UserRole[]).includes(role);

/** A record is amendable by its author for 24 hours; after that, corrections are addenda. */
export function recordActions(
  record: { veterinarianId: string; locked: boolean },
  user: { id: string; role: UserRole },
): { amend: boolean; addendum: boolean } {
  const vet = user.role === 'veterinarian';
  const own = record.veterinarianId === user.id;
  return { amend: vet && own && !record.locked, addendum: vet && (record.locked || !own) };
}
