import type { UserRole } from '@vetflow/schema/values';
import { ACCESS, type ProcedurePath } from './access.generated';

export type { ProcedurePath };

/**
 * Whether a user of this role may call an API procedure, so the UI offers only what the server allows. Read
 * from the access each procedure declares on the server (generated into access.generated.ts by
 * `pnpm docs:roles`); the server stays the authority.
 */
export function can(role: UserRole | null | undefined, path: ProcedurePath): boolean {
  const access: 'public' | 'authenticated' | readonly UserRole[] = ACCESS[path];
  if (access === 'public') return true;
  if (!role) return false;
  return access === 'authenticated' || access.includes(role);
}

/**
 * Who sees the clinical fields of medical records (the medical-records router answers everyone else with a
 * summary). A rule about fields, not about calling a procedure, so it is not in the generated matrix.
 */
export const readsClinicalFields = (role: UserRole | null | undefined) =>
  role === 'admin' || role === 'veterinarian';

/** A record is amendable by its author for 24 hours; after that, corrections are addenda. */
export function recordActions(
  record: { veterinarianId: string; locked: boolean },
  user: { id: string; role: UserRole },
): { amend: boolean; addendum: boolean } {
  const vet = user.role === 'veterinarian';
  const own = record.veterinarianId === user.id;
  return { amend: vet && own && !record.locked, addendum: vet && (record.locked || !own) };
}
