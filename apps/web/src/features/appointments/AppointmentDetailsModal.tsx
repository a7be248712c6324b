import { Modal } from '@mantine/core';
import { type Appointment, AppointmentDetails } from './AppointmentDetails';

/** One appointment: who, when, why; status moves; reschedule (a double booking keeps the form open). */
export function AppointmentDetailsModal({
  appointment,
  onClose,
}: {
  appointment: Appointment | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={!!appointment}
      onClose={onClose}
      title={appointment ? `${appointment.patient.name}: ${appointment.reason}` : ''}
      size="lg"
    >
      {appointment && <AppointmentDetails key={appointment.id} appointment={appointment} onClose={onClose} />}
    </Modal>
  );
}
