import { Group, Text } from '@mantine/core';
import {
  type Icon,
  IconCalendar,
  IconCalendarCheck,
  IconCircleCheck,
  IconDoorEnter,
  IconStethoscope,
  IconUserOff,
  IconX,
} from '@tabler/icons-react';
import type { AppointmentStatus } from '@vetflow/schema/values';
import { STATUS_COLORS, STATUS_LABELS } from './appointments';

/** An icon per status, so a status reads at a glance where a badge does not fit (the calendar's short blocks). */
const STATUS_ICONS: Record<AppointmentStatus, Icon> = {
  scheduled: IconCalendar,
  confirmed: IconCalendarCheck,
  checked_in: IconDoorEnter,
  in_progress: IconStethoscope,
  completed: IconCircleCheck,
  cancelled: IconX,
  no_show: IconUserOff,
};

/**
 * A status as its colour, icon and label on one line: narrower than a badge, never cut. The colour is the icon's;
 * the label stays in the text colour, legible on any block's background.
 */
export function StatusMark({ status }: { status: AppointmentStatus }) {
  const StatusIcon = STATUS_ICONS[status];
  const color = `var(--mantine-color-${STATUS_COLORS[status]}-8)`;
  return (
    <Group gap={3} wrap="nowrap" className="vf-status-mark">
      <StatusIcon size={13} stroke={2.2} color={color} aria-hidden style={{ flex: 'none' }} />
      <Text size="xs" lh={1.25} fw={600} style={{ whiteSpace: 'nowrap' }}>
        {STATUS_LABELS[status]}
      </Text>
    </Group>
  );
}
