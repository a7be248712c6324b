import { Box, Text, UnstyledButton } from '@mantine/core';
import { addMinutes, formatLongDay, formatTime, formatTimeRange } from '../../lib/format';
import { PRIORITY_COLORS, STATUS_COLORS, STATUS_LABELS } from '../appointments/appointments';
import { type Appointment, type Column, SLOT_HEIGHT, SLOT_MINUTES } from './calendarGrid';

/** One column of the calendar: its free slots are buttons that book them, its appointments open their details. */
export function DayColumn({
  column,
  firstHour,
  slots,
  onBook,
  onOpen,
}: {
  column: Column;
  firstHour: number;
  slots: number;
  onBook: (start: Date) => void;
  onOpen: (a: Appointment) => void;
}) {
  const base = new Date(column.day.getFullYear(), column.day.getMonth(), column.day.getDate(), firstHour);
  const now = new Date();
  const top = (d: Date) => ((d.getTime() - base.getTime()) / 60_000 / SLOT_MINUTES) * SLOT_HEIGHT;
  return (
    <Box
      style={{
        position: 'relative',
        height: slots * SLOT_HEIGHT,
        borderLeft: '1px solid var(--mantine-color-gray-3)',
      }}
      role="group"
      aria-label={`${column.vetName}, ${formatLongDay(column.day)}`}
    >
      {Array.from({ length: slots }, (_, i) => {
        const start = addMinutes(base, i * SLOT_MINUTES);
        const end = addMinutes(start, SLOT_MINUTES);
        const busy = column.appointments.some((a) => a.startsAt < end && a.endsAt > start);
        const past = end <= now;
        return (
          <UnstyledButton
            key={start.getTime()}
            className="vf-slot"
            onClick={() => onBook(start)}
            disabled={busy}
            tabIndex={busy ? -1 : 0}
            aria-hidden={busy || undefined}
            aria-label={`Book ${column.vetName} on ${formatLongDay(start)} at ${formatTime(start)}`}
            style={{
              position: 'absolute',
              top: i * SLOT_HEIGHT,
              left: 0,
              right: 0,
              height: SLOT_HEIGHT,
              borderTop: `1px ${i % 2 === 0 ? 'solid' : 'dashed'} var(--mantine-color-gray-3)`,
              background: past ? 'var(--mantine-color-gray-0)' : undefined,
            }}
          />
        );
      })}
      {column.appointments.map((a) => {
        const y = Math.max(0, top(a.startsAt));
        const h = Math.max(SLOT_HEIGHT / 2, top(a.endsAt) - y - 2);
        const emergency = a.priority === 'emergency';
        return (
          <UnstyledButton
            key={a.id}
            onClick={() => onOpen(a)}
            title={`${formatTimeRange(a.startsAt, a.endsAt)} ${a.patient.name}: ${a.reason}`}
            style={{
              position: 'absolute',
              top: y + 1,
              left: 4,
              right: 4,
              height: h,
              overflow: 'hidden',
              padding: '2px 6px',
              borderRadius: 6,
              background: emergency ? 'var(--mantine-color-red-1)' : 'var(--mantine-color-indigo-0)',
              border: `1px solid var(--mantine-color-${emergency ? 'red' : 'indigo'}-3)`,
              borderLeft: `5px solid var(--mantine-color-${a.priority === 'routine' ? STATUS_COLORS[a.status] : PRIORITY_COLORS[a.priority]}-7)`,
              zIndex: 1,
            }}
          >
            <Text size="xs" fw={700} lh={1.2}>
              {formatTime(a.startsAt)} {a.patient.name}
            </Text>
            <Text size="xs" lh={1.2} truncate>
              {a.reason}
            </Text>
            <Text size="xs" lh={1.2} c="dimmed" truncate>
              {STATUS_LABELS[a.status]}
              {a.priority !== 'routine' ? <span className="vf-visually-hidden">, {a.priority}</span> : null}
            </Text>
          </UnstyledButton>
        );
      })}
    </Box>
  );
}
