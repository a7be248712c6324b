import { APPOINTMENT_TRANSITIONS } from '@vetflow/schema/appointment-status';
import { APPOINTMENT_STATUSES } from '@vetflow/schema/values';
import { describe, expect, it } from 'vitest';
import { canReschedule, groupByVeterinarian, overlapsAny, statusActions } from './appointments';

describe('statusActions', () => {
  it('offers the next step first, in one click', () => {
    expect(statusActions('scheduled')[0]).toMatchObject({
      kind: 'status',
      to: 'checked_in',
      label: 'Check in',
      primary: true,
    });
    expect(statusActions('confirmed')[0]).toMatchObject({ to: 'checked_in', primary: true });
    expect(statusActions('checked_in')[0]).toMatchObject({
      to: 'in_progress',
      label: 'Start',
      primary: true,
    });
    expect(statusActions('in_progress')[0]).toMatchObject({
      to: 'completed',
      label: 'Complete',
      primary: true,
    });
  });
  it('offers no-show and confirm before check-in, and cancel last', () => {
    const labels = statusActions('scheduled').map((a) => a.label);
    expect(labels).toEqual(['Check in', 'Confirm', 'No-show', 'Cancel']);
    expect(statusActions('confirmed').map((a) => a.label)).toEqual([
      'Check in',
      'Unconfirm',
      'No-show',
      'Cancel',
    ]);
    expect(statusActions('checked_in').map((a) => a.label)).toEqual(['Start', 'Cancel']);
  });
  it('offers nothing for finished appointments', () => {
    expect(statusActions('completed')).toEqual([]);
    expect(statusActions('cancelled')).toEqual([]);
    expect(statusActions('no_show')).toEqual([]);
  });
  it('never offers a move the server would refuse', () => {
    for (const from of APPOINTMENT_STATUSES) {
      for (const action of statusActions(from)) {
        const to = action.kind === 'cancel' ? 'cancelled' : action.to;
        expect(APPOINTMENT_TRANSITIONS[from]).toContain(to);
      }
    }
  });
  it('reschedules only what has not started', () => {
    expect(canReschedule('scheduled')).toBe(true);
    expect(canReschedule('confirmed')).toBe(true);
    expect(canReschedule('checked_in')).toBe(false);
    expect(canReschedule('completed')).toBe(false);
  });
});

describe('groupByVeterinarian', () => {
  const vets = [
    { id: 'a', fullName: 'Dr A' },
    { id: 'b', fullName: 'Dr B' },
  ];
  const appt = (
    id: string,
    vet: string,
    hour: number,
    priority: 'routine' | 'urgent' | 'emergency' = 'routine',
  ) => ({
    id,
    veterinarianId: vet,
    startsAt: new Date(2026, 0, 1, hour),
    priority,
  });
  it('makes one column per vet, even empty, sorted by time then priority', () => {
    const columns = groupByVeterinarian(
      [appt('1', 'a', 11), appt('2', 'a', 9), appt('3', 'a', 9, 'emergency')],
      vets,
    );
    expect(columns.map((c) => c.vet.id)).toEqual(['a', 'b']);
    expect(columns[0]!.appointments.map((a) => a.id)).toEqual(['3', '2', '1']);
    expect(columns[1]!.appointments).toEqual([]);
  });
  it('keeps appointments of a vet no longer listed', () => {
    const columns = groupByVeterinarian(
      [{ ...appt('9', 'gone', 8), veterinarian: { id: 'gone', fullName: 'Dr Gone' } }],
      vets,
    );
    expect(columns.map((c) => c.vet.fullName)).toEqual(['Dr A', 'Dr B', 'Dr Gone']);
  });
});

describe('overlapsAny', () => {
  const list = [
    {
      id: '1',
      startsAt: new Date(2026, 0, 1, 9),
      endsAt: new Date(2026, 0, 1, 9, 30),
      status: 'scheduled' as const,
    },
    {
      id: '2',
      startsAt: new Date(2026, 0, 1, 10),
      endsAt: new Date(2026, 0, 1, 10, 30),
      status: 'cancelled' as const,
    },
  ];
  it('treats slots as half-open and ignores released appointments', () => {
    expect(overlapsAny(new Date(2026, 0, 1, 9, 15), new Date(2026, 0, 1, 9, 45), list)).toBe(true);
    expect(overlapsAny(new Date(2026, 0, 1, 9, 30), new Date(2026, 0, 1, 10), list)).toBe(false);
    expect(overlapsAny(new Date(2026, 0, 1, 10), new Date(2026, 0, 1, 10, 30), list)).toBe(false);
    expect(overlapsAny(new Date(2026, 0, 1, 9), new Date(2026, 0, 1, 9, 30), list, '1')).toBe(false);
  });
});
