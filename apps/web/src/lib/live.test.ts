import { describe, expect, it } from 'vitest';
import { applyLiveFrame } from './live';
import { createApi } from './trpc';

const VET_A = '00000000-0000-4000-8000-00000000000a';
const VET_B = '00000000-0000-4000-8000-00000000000b';
const PATIENT = '00000000-0000-4000-8000-0000000000c1';
const OTHER_PATIENT = '00000000-0000-4000-8000-0000000000c2';
const OWNER = '00000000-0000-4000-8000-0000000000d1';
const APPOINTMENT = '00000000-0000-4000-8000-0000000000e1';
const RECORD = '00000000-0000-4000-8000-0000000000f1';

const day = (d: number) => new Date(2026, 11, d);
const at = (d: number, hour: number) => new Date(2026, 11, d, hour).getTime();

/**
 * A query client holding what the screens that follow live updates show: Today and the calendar (day and week
 * lists of appointments), a patient's chart, an owner's page and the owners list, the audit timeline. Every
 * query starts fresh; `stale()` names those a frame invalidated.
 */
function screens() {
  const { queryClient, trpc } = createApi({ onUnauthorized: () => {} });
  const keys = {
    today: trpc.appointments.list.queryKey({ from: day(7), to: day(8), includeCancelled: true }),
    calendarDayAll: trpc.appointments.list.queryKey({ from: day(9), to: day(10) }),
    calendarWeekA: trpc.appointments.list.queryKey({ from: day(7), to: day(14), veterinarianId: VET_A }),
    calendarWeekB: trpc.appointments.list.queryKey({ from: day(7), to: day(14), veterinarianId: VET_B }),
    nextWeekA: trpc.appointments.list.queryKey({ from: day(14), to: day(21), veterinarianId: VET_A }),
    patient: trpc.patients.get.queryKey({ id: PATIENT }),
    otherPatient: trpc.patients.get.queryKey({ id: OTHER_PATIENT }),
    history: trpc.medicalRecords.listForPatient.queryKey({ patientId: PATIENT }),
    owner: trpc.owners.get.queryKey({ id: OWNER }),
    owners: trpc.owners.list.infiniteQueryKey({}),
    audit: trpc.audit.list.infiniteQueryKey({ limit: 30 }),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key as readonly unknown[], {});
  const stale = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name)
      .sort();
  return { queryClient, trpc, stale };
}

const change = (c: Record<string, unknown>) =>
  ({ type: 'change', change: { kind: 'update', version: 1, ...c } }) as never;

describe('applyLiveFrame: which screens an event refreshes', () => {
  it('an appointment: the day and week lists covering its time and showing its vet, and its patient’s chart', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(
      queryClient,
      trpc,
      change({
        table: 'appointments',
        id: APPOINTMENT,
        patientId: PATIENT,
        vetId: VET_A,
        startsAt: at(7, 10),
      }),
    );
    expect(stale()).toEqual(['calendarWeekA', 'patient', 'today']);
  });

  it('an appointment moved to another vet and week: the lists before and after', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(
      queryClient,
      trpc,
      change({
        table: 'appointments',
        id: APPOINTMENT,
        patientId: PATIENT,
        vetId: VET_A,
        startsAt: at(15, 10),
        prevVetId: VET_B,
        prevStartsAt: at(9, 10),
      }),
    );
    expect(stale()).toEqual(['calendarDayAll', 'calendarWeekB', 'nextWeekA', 'patient']);
  });

  it('an event without time or vet (a role that is not told) refreshes every list', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(queryClient, trpc, change({ table: 'appointments', id: APPOINTMENT }));
    expect(stale()).toEqual(['calendarDayAll', 'calendarWeekA', 'calendarWeekB', 'nextWeekA', 'today']);
  });

  it('a vet’s new record: the patient’s history and chart', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(
      queryClient,
      trpc,
      change({
        table: 'medical_records',
        id: RECORD,
        kind: 'insert',
        patientId: PATIENT,
        appointmentId: null,
      }),
    );
    expect(stale()).toEqual(['history', 'patient']);
  });

  it('a patient: charts, the lists naming it, its owner’s page and the owners list', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(queryClient, trpc, change({ table: 'patients', id: PATIENT, ownerId: OWNER }));
    expect(stale()).toEqual([
      'calendarDayAll',
      'calendarWeekA',
      'calendarWeekB',
      'nextWeekA',
      'otherPatient',
      'owner',
      'owners',
      'patient',
      'today',
    ]);
  });

  it('a new audit row: the audit timeline only', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(queryClient, trpc, change({ table: 'audit_log', id: '42', kind: 'insert' }));
    expect(stale()).toEqual(['audit']);
  });

  it('resync: everything', () => {
    const { queryClient, trpc, stale } = screens();
    applyLiveFrame(queryClient, trpc, { type: 'resync' });
    expect(stale()).toHaveLength(11);
  });
});
