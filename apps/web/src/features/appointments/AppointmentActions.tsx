import { Button, Group } from '@mantine/core';
import type { AppointmentStatus } from '@vetflow/schema/values';
import { lazy, Suspense, useState } from 'react';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { appointmentQueries } from './appointmentQueries';
import { STATUS_LABELS, statusActions } from './appointments';

// A form, loaded when first opened: Today shows these buttons on every card and cancels rarely.
const CancelAppointmentModal = lazy(() =>
  import('./CancelAppointmentModal').then((m) => ({ default: m.CancelAppointmentModal })),
);

/**
 * The status moves an appointment allows (check in, start, complete, no-show, confirm) as one-click buttons,
 * and cancel with a reason. Shown to every role: the schedule is everyone's work.
 */
export function AppointmentActions({
  appointment,
  patientName,
  size = 'xs',
  omit = [],
}: {
  appointment: { id: string; status: AppointmentStatus };
  patientName: string;
  size?: 'xs' | 'sm';
  /** Moves another button does instead (a vet's "Start visit" starts and completes the visit). */
  omit?: readonly AppointmentStatus[];
}) {
  const trpc = useTRPC();
  const [cancelOpen, setCancelOpen] = useState(false);
  const setStatus = useSave(trpc.appointments.setStatus.mutationOptions(), {
    pending: 'Updating the appointment…',
    success: (_d, v) => `${patientName}: ${STATUS_LABELS[v.status].toLowerCase()}`,
    error: 'The appointment was not updated',
    refresh: appointmentQueries(trpc),
  });
  const actions = statusActions(appointment.status).filter(
    (a) => a.kind === 'cancel' || !omit.includes(a.to),
  );
  if (actions.length === 0) return null;
  return (
    <>
      <Group gap={6} wrap="wrap">
        {actions.map((action) =>
          action.kind === 'cancel' ? (
            <Button
              key="cancel"
              size={size}
              variant="subtle"
              color="red"
              onClick={() => setCancelOpen(true)}
              aria-label={`Cancel the appointment of ${patientName}`}
            >
              Cancel
            </Button>
          ) : (
            <Button
              key={action.to}
              size={size}
              variant={action.primary ? 'filled' : 'default'}
              loading={setStatus.pendingInput?.status === action.to}
              disabled={setStatus.isPending}
              onClick={() => setStatus.run({ id: appointment.id, status: action.to })}
              aria-label={`${action.label}: ${patientName}`}
            >
              {action.label}
            </Button>
          ),
        )}
      </Group>
      {cancelOpen && (
        <Suspense fallback={null}>
          <CancelAppointmentModal
            opened
            onClose={() => setCancelOpen(false)}
            appointmentId={appointment.id}
            patientName={patientName}
          />
        </Suspense>
      )}
    </>
  );
}
