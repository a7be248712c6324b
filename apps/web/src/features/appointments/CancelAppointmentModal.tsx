import { Modal } from '@mantine/core';
import { useForm } from '@mantine/form';
import { appointmentCancelInput } from '@vetflow/schema/validators';
import { LIMITS } from '@vetflow/schema/values';
import { LongTextInput } from '../../components/LongTextInput';
import { SaveForm } from '../../components/SaveForm';
import { zodValidate } from '../../lib/forms';
import { useSave } from '../../lib/save/useSave';
import { useTRPC } from '../../lib/trpc';
import { appointmentQueries } from './appointmentQueries';

interface CancelProps {
  onClose: () => void;
  appointmentId: string;
  patientName: string;
  onCancelled?: () => void;
}

/** The reason, checked in the browser by the API's own validator: empty or too long is named on the field. */
const validate = zodValidate<{ reason: string }>(appointmentCancelInput.pick({ reason: true }), (v) => v);

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
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate,
    validateInputOnBlur: true,
  });
  const save = useSave(trpc.appointments.cancel.mutationOptions(), {
    form,
    toInput: (values) => ({ id: appointmentId, reason: values.reason.trim() }),
    pending: 'Cancelling…',
    success: `Appointment of ${patientName} cancelled`,
    error: 'The appointment was not cancelled',
    refresh: appointmentQueries(trpc),
    onSaved: () => {
      onClose();
      onCancelled?.();
    },
  });
  return (
    <SaveForm
      form={form}
      save={save}
      submitLabel="Cancel appointment"
      color="red"
      cancelLabel="Keep it"
      onCancel={onClose}
    >
      <LongTextInput
        label="Reason for cancelling"
        description="Kept with the appointment and in the audit trail"
        maxLength={LIMITS.reason}
        data-autofocus
        required
        {...form.getInputProps('reason')}
      />
    </SaveForm>
  );
}
