import { IconNotes, IconStethoscope } from '@tabler/icons-react';
import type { AppointmentStatus, UserRole } from '@vetflow/schema/values';
import { ButtonLink } from '../../components/links';
import { can } from '../../lib/roles';
import { useCurrentUser } from '../../lib/session';

/** Arrived and not yet recorded: the vet's next step is the visit record. */
const READY_FOR_VISIT: readonly AppointmentStatus[] = ['checked_in', 'in_progress'];

type VisitAppointment = {
  id: string;
  status: AppointmentStatus;
  recordId: string | null;
  patient: { id: string; name: string };
};

/** Which way into the visit record `role` is offered for the appointment, if any. */
export function visitStep(a: VisitAppointment, role: UserRole): 'open' | 'start' | null {
  if (a.recordId) return 'open';
  return READY_FOR_VISIT.includes(a.status) && can(role, 'medicalRecords.create') ? 'start' : null;
}

/**
 * The appointment's way into its visit record: "Start visit" (a vet, the patient arrived) opens the visit form
 * for it, and saving the record completes the appointment; once recorded, "Open record" shows it to anyone who
 * reads records, and the visit is never offered again.
 */
export function VisitLink({
  appointment: a,
  size = 'xs',
}: {
  appointment: VisitAppointment;
  size?: 'xs' | 'sm';
}) {
  const step = visitStep(a, useCurrentUser().role);
  if (step === 'open') {
    return (
      <ButtonLink
        size={size}
        variant="light"
        leftSection={<IconNotes size={14} aria-hidden />}
        to="/patients/$patientId"
        params={{ patientId: a.patient.id }}
        hash={`record-${a.recordId}`}
        aria-label={`Open record: ${a.patient.name}`}
      >
        Open record
      </ButtonLink>
    );
  }
  if (step !== 'start') return null;
  return (
    <ButtonLink
      size={size}
      leftSection={<IconStethoscope size={14} aria-hidden />}
      to="/patients/$patientId/visits/new"
      params={{ patientId: a.patient.id }}
      search={{ appointmentId: a.id }}
      aria-label={`Start visit: ${a.patient.name}`}
    >
      Start visit
    </ButtonLink>
  );
}

/** Status moves a vet does not need beside "Start visit": saving the record starts and completes the visit. */
export const MOVES_DONE_BY_THE_RECORD: readonly AppointmentStatus[] = ['in_progress', 'completed'];
