import { Badge } from '@mantine/core';
import type { AppointmentStatus } from '@vetflow/schema/values';
import { STATUS_COLORS, STATUS_LABELS } from './appointments';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
