import { USER_ROLES } from '@vetflow/schema/values';
import { roleLabel } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

/** A staff account as the admin list shows it. */
export type User = RouterOutputs['users']['list'][number];

/** The roles an account can have, as select options. */
export const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
