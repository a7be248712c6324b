import { Badge, type BadgeProps } from '@mantine/core';

/** Marks a deactivated record (owner, patient, account). */
export function InactiveBadge({ size = 'md' }: { size?: BadgeProps['size'] }) {
  return (
    <Badge color="gray" size={size}>
      Inactive
    </Badge>
  );
}

/** A record's state in a list's Status column: active or inactive. */
export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <Badge color="green">Active</Badge> : <InactiveBadge />;
}
