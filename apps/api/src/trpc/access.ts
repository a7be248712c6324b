import { USER_ROLES, type UserRole } from '@vetflow/schema/values';

/** Who may call a procedure: anyone, any signed-in user, or the listed roles. Declared where it is defined. */
export type Access = 'public' | 'authenticated' | readonly UserRole[];

/** The tRPC meta every procedure carries (set by the builders in init.ts, never by hand). */
export interface ProcedureMeta {
  access: Access;
}

/** True when `access` is a well-formed declaration (a non-empty list of known roles, or one of the words). */
export function isAccess(access: unknown): access is Access {
  if (access === 'public' || access === 'authenticated') return true;
  return (
    Array.isArray(access) &&
    access.length > 0 &&
    access.every((role) => (USER_ROLES as readonly unknown[]).includes(role))
  );
}

/** Whether a caller of `role` (null: signed out) is let in by `access`. */
export function allows(access: Access, role: UserRole | null): boolean {
  if (access === 'public') return true;
  if (!role) return false;
  return access === 'authenticated' || access.includes(role);
}

interface RouterLike {
  _def: { procedures: object };
}

/**
 * The role matrix derived from a router: path → its declared access, sorted by path. Throws naming the first
 * path without a declaration, so a router with an undeclared procedure is never served (root.ts runs this on
 * import).
 */
export function accessMatrix(router: RouterLike): Record<string, Access> {
  // tRPC v11 keeps `_def.procedures` flat: 'domain.verb' → procedure.
  const procedures = router._def.procedures as Record<string, { _def: { meta?: { access?: unknown } } }>;
  const matrix: Record<string, Access> = {};
  for (const path of Object.keys(procedures).sort()) {
    const access = procedures[path]!._def.meta?.access;
    if (!isAccess(access))
      throw new Error(`Procedure ${path} declares no access (use the builders in init.ts)`);
    matrix[path] = access;
  }
  return matrix;
}
