import { Table } from '@mantine/core';

/**
 * A table's header row from its column names; `withActions` adds a last column for the row's buttons, named
 * "Actions" for screen readers only.
 */
export function TableHead({ columns, withActions }: { columns: readonly string[]; withActions?: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={c}>{c}</Table.Th>
        ))}
        {withActions && (
          <Table.Th>
            <span className="vf-visually-hidden">Actions</span>
          </Table.Th>
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
