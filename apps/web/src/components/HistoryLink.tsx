import { IconHistory } from '@tabler/icons-react';
import type { AuditedTable } from '@vetflow/schema/values';
import { can } from '../lib/roles';
import { useCurrentUser } from '../lib/session';
import { ButtonLink } from './links';

/** A record's audit history, for the roles that may read it (nothing for the others). */
export function HistoryLink({ table, record }: { table: AuditedTable; record: string }) {
  const user = useCurrentUser();
  if (!can(user.role, 'audit.forRecord')) return null;
  return (
    <ButtonLink
      to="/admin/audit"
      search={{ table, record }}
      variant="subtle"
      leftSection={<IconHistory size={16} aria-hidden />}
    >
      History
    </ButtonLink>
  );
}
