import { Badge, Button, Group, Modal, Stack, Textarea, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AllergySeverity, AppointmentPriority, AppointmentStatus } from '@vetflow/schema/values';
import { useState } from 'react';
import { toProblem } from '../../lib/errors';
import { useNotifiedMutation } from '../../lib/notify';
import { queryClient, trpc } from '../../lib/trpc';
import { PRIORITY_COLORS, STATUS_COLORS, STATUS_LABELS, statusActions } from './appointments';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

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

const SEVERE: readonly AllergySeverity[] = ['severe', 'life-threatening'];

/** A compact allergy marker for lists (the full alert lives on the chart and the visit form). */
export function AllergyMarker({
  allergies,
}: {
  allergies: { allergen: string; severity: AllergySeverity }[];
}) {
  if (allergies.length === 0) return null;
  const severe = allergies.some((a) => SEVERE.includes(a.severity));
  const text = allergies.map((a) => `${a.allergen} (${a.severity})`).join(', ');
  return (
    <Tooltip label={`Allergies: ${text}`} multiline maw={280}>
      <Badge
        color={severe ? 'red' : 'yellow'}
        variant="filled"
        size="sm"
        leftSection={<IconAlertTriangle size={12} aria-hidden />}
        aria-label={`Allergies: ${text}`}
        tabIndex={0}
      >
        Allergy
      </Badge>
    </Tooltip>
  );
}

export const invalidateAppointments = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.appointments.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.patients.get.pathKey() }),
  ]);

/**
 * The status moves an appointment allows (check in, start, complete, no-show, confirm) as one-click buttons,
 * and cancel with a reason. Shown to every role: the schedule is everyone's work.
 */
export function AppointmentActions({
  appointment,
  patientName,
  size = 'xs',
}: {
  appointment: { id: string; status: AppointmentStatus };
  patientName: string;
  size?: 'xs' | 'sm';
}) {
  const [cancelOpen, setCancelOpen] = useState(false);
  const setStatus = useNotifiedMutation(
    trpc.appointments.setStatus.mutationOptions({ onSuccess: invalidateAppointments }),
    {
      pending: 'Updating the appointment…',
      success: (_d, v) => `${patientName}: ${STATUS_LABELS[v.status].toLowerCase()}`,
      error: 'The appointment was not updated',
    },
  );
  const actions = statusActions(appointment.status);
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
              loading={setStatus.isPending && setStatus.variables?.status === action.to}
              disabled={setStatus.isPending}
              onClick={() => setStatus.mutate({ id: appointment.id, status: action.to })}
              aria-label={`${action.label}: ${patientName}`}
            >
              {action.label}
            </Button>
          ),
        )}
      </Group>
      <CancelAppointmentModal
        opened={cancelOpen}
        onClose={() => setCancelOpen(false)}
        appointmentId={appointment.id}
        patientName={patientName}
      />
    </>
  );
}

export function CancelAppointmentModal({
  opened,
  onClose,
  appointmentId,
  patientName,
  onCancelled,
}: {
  opened: boolean;
  onClose: () => void;
  appointmentId: string;
  patientName: string;
  onCancelled?: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cancel = useNotifiedMutation(
    trpc.appointments.cancel.mutationOptions({
      onSuccess: async () => {
        await invalidateAppointments();
        setReason('');
        onClose();
        onCancelled?.();
      },
      onError: (e) => setError(toProblem(e).message.replace(/^reason: /, '')),
    }),
    {
      pending: 'Cancelling…',
      success: `Appointment of ${patientName} cancelled`,
      error: 'Not cancelled',
      quietError: true,
    },
  );
  return (
    <Modal opened={opened} onClose={onClose} title={`Cancel the appointment of ${patientName}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setError('Give a reason for the cancellation');
            return;
          }
          setError(null);
          cancel.mutate({ id: appointmentId, reason: reason.trim() });
        }}
      >
        <Stack>
          <Textarea
            label="Reason for cancelling"
            description="Kept with the appointment and in the audit trail"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            autosize
            minRows={2}
            maxLength={300}
            data-autofocus
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
