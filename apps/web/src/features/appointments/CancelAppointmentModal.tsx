import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { SaveAlerts } from '../../components/SaveAlerts';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { useInvalidateAppointments } from './useInvalidateAppointments';

interface CancelProps {
  onClose: () => void;
  appointmentId: string;
  patientName: string;
  onCancelled?: () => void;
}

/** Cancels an appointment with the reason, which is kept; each opening starts with an empty reason. */
export function CancelAppointmentModal({ opened, ...props }: CancelProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title={`Cancel the appointment of ${props.patientName}`}>
      <CancelForm {...props} />
    </Modal>
  );
}

function CancelForm({ onClose, appointmentId, patientName, onCancelled }: CancelProps) {
  const trpc = useTRPC();
  const invalidateAppointments = useInvalidateAppointments();
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : 'Give a reason for the cancellation') },
  });
  const save = useSave(trpc.appointments.cancel.mutationOptions(), {
    form,
    toInput: (values) => ({ id: appointmentId, reason: values.reason.trim() }),
    pending: 'Cancelling…',
    success: `Appointment of ${patientName} cancelled`,
    error: 'The appointment was not cancelled',
    onSaved: async () => {
      await invalidateAppointments();
      onClose();
      onCancelled?.();
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit(save.submit)}>
      <Stack>
        <SaveAlerts {...save.alerts} />
        <Textarea
          label="Reason for cancelling"
          description="Kept with the appointment and in the audit trail"
          autosize
          minRows={2}
          maxLength={300}
          data-autofocus
          required
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button type="submit" color="red" loading={save.isPending}>
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
