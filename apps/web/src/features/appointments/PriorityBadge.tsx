import { Badge } from '@mantine/core';
import type { AppointmentPriority } from '@vetflow/schema/values';
import { PRIORITY_COLORS } from './appointments';

export function PriorityBadge({
  priority,
  hideRoutine,
}: {
  priority: AppointmentPriority;
  hideRoutine?: boolean;
}) {
  if (hideRoutine && priority === 'routine') return null;
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant={priority === 'routine' ? 'outline' : 'filled'}
      size="sm"
    >
      {priority === 'emergency' ? 'Emergency' : priority === 'urgent' ? 'Urgent' : 'Routine'}
    </Badge>
  );
}
