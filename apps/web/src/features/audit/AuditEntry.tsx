import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import { ACTION_LABELS, auditDiff, recordKind, recordName } from '@vetflow/schema/audit-display';
import { AnchorLink } from '../../components/links';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';
import { ACTION_COLORS, auditAccount, recordLink } from './audit';

type Entry = RouterOutputs['audit']['list']['items'][number];

/** One audit row: who did what to which record, when and from where, with the fields it changed. */
export function AuditEntry({
  entry: e,
  onShowRecord,
}: {
  entry: Entry;
  onShowRecord: (table: string, record: string) => void;
}) {
  const diff = auditDiff(e, { formatDateTime, names: e.names });
  const values = e.newValues ?? e.oldValues;
  const link = recordLink(e.tableName, e.recordId, values);
  const title = recordName(e, formatDateTime);
  const isAuth = !['insert', 'update', 'delete'].includes(e.action);
  // A data change names its record by the link below; an auth event has no values to name it by.
  const account = isAuth ? auditAccount(e) : null;
  const who = e.actor;
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={`${ACTION_LABELS[e.action]} by ${who}, ${formatDateTime(e.occurredAt)}`}
      data-testid="audit-entry"
    >
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Badge color={ACTION_COLORS[e.action]}>{ACTION_LABELS[e.action]}</Badge>
          <Text fw={700}>{who}</Text>
          {account ? (
            <Text size="sm">
              Account:{' '}
              <Text span fw={600}>
                {account}
              </Text>
            </Text>
          ) : null}
          {e.tableName && !account && (
            <Text size="sm">
              {isAuth ? 'account ' : `${recordKind(e.tableName)} `}
              {link && !isAuth ? (
                <AnchorLink {...(link as { to: '/admin/users' })} fw={600}>
                  {title ?? 'open'}
                </AnchorLink>
              ) : (
                <Text span fw={600}>
                  {title ?? ''}
                </Text>
              )}
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {formatDateTime(e.occurredAt)}
        </Text>
      </Group>
      {e.tableName && e.recordId && (
        <Group gap={6} mt={2}>
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => onShowRecord(e.tableName!, e.recordId!)}
          >
            History of this record
          </Anchor>
          <Text size="xs" c="dimmed">
            · {e.ip ?? 'no IP'} · {describeUserAgent(e.userAgent)}
          </Text>
        </Group>
      )}
      {diff.length > 0 && (
        <Table withTableBorder withColumnBorders fz="sm" mt="xs" verticalSpacing={4} aria-label="Changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">Field</Table.Th>
              {e.action === 'update' || e.action === 'delete' ? <Table.Th>Before</Table.Th> : null}
              {e.action !== 'delete' ? (
                <Table.Th>{e.action === 'update' ? 'After' : 'Value'}</Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.map((d) => (
              <Table.Tr key={d.field}>
                <Table.Td fw={600}>{d.label}</Table.Td>
                {e.action === 'update' || e.action === 'delete' ? (
                  <Table.Td
                    c={e.action === 'update' ? 'red.9' : undefined}
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {e.action === 'update' ? <del>{d.before ?? '—'}</del> : (d.before ?? '—')}
                  </Table.Td>
                ) : null}
                {e.action !== 'delete' ? (
                  <Table.Td
                    c={e.action === 'update' ? 'teal.9' : undefined}
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {d.after ?? '—'}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
