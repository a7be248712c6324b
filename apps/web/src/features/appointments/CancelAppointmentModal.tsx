import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { toProblem } from '../../lib/errors';
import { useNotifiedMutation } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateAppointments } from './useInvalidateAppointments';

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
  const trpc = useTRPC();
  const invalidateAppointments = useInvalidateAppointments();
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
