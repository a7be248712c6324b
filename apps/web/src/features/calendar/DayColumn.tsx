import { Box, Text, UnstyledButton } from '@mantine/core';
import { addMinutes, formatLongDay, formatTime, formatTimeRange } from '../../lib/format';
import { PRIORITY_COLORS, STATUS_COLORS, STATUS_LABELS } from '../appointments/appointments';
import { StatusMark } from '../appointments/StatusMark';
import { useNow } from '../today/useNow';
import { type Appointment, type Column, SLOT_HEIGHT, SLOT_MINUTES } from './calendarGrid';

/** A block this tall (a 30-minute one) shows the time, the patient and the status; taller ones add the reason. */
const ROOM_FOR_REASON = SLOT_HEIGHT * 1.4;

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
  // The current-time line moves each minute.
  const now = useNow(60_000);
  const top = (d: Date) => ((d.getTime() - base.getTime()) / 60_000 / SLOT_MINUTES) * SLOT_HEIGHT;
  const nowY = top(now);
  const showNow = nowY >= 0 && nowY <= slots * SLOT_HEIGHT;
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
            // The full details on hover; a click opens them.
            title={`${formatTimeRange(a.startsAt, a.endsAt)} ${a.patient.name} (${a.patient.species}): ${a.reason} · ${STATUS_LABELS[a.status]}${a.priority === 'routine' ? '' : ` · ${a.priority}`}`}
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
            <Text size="xs" fw={700} lh={1.25} truncate>
              {formatTime(a.startsAt)} {a.patient.name}
            </Text>
            <StatusMark status={a.status} />
            {a.priority !== 'routine' ? <span className="vf-visually-hidden">, {a.priority}</span> : null}
            {h >= ROOM_FOR_REASON && (
              <Text size="xs" lh={1.25} truncate>
                {a.reason}
              </Text>
            )}
          </UnstyledButton>
        );
      })}
      {showNow && (
        <Box
          className="vf-now-line"
          aria-hidden
          title={`Now, ${formatTime(now)}`}
          style={{
            position: 'absolute',
            top: nowY - 1,
            left: 0,
            right: 0,
            height: 2,
            background: 'var(--mantine-color-red-6)',
            // Over the free slots, under the appointments: it never strikes through a block's text.
            zIndex: 0,
            pointerEvents: 'none',
          }}
        >
          <Box
            style={{
              position: 'absolute',
              left: -5,
              top: -4,
              width: 10,
              height: 10,
              borderRadius: '50%',
              background: 'var(--mantine-color-red-6)',
            }}
          />
        </Box>
      )}
    </Box>
  );
}
