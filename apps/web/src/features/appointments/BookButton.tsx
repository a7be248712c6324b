import { Button } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { can } from '../../lib/roles';
import { useCurrentUser } from '../../lib/session';
import { BookAppointmentModal } from './BookAppointmentModal';
import type { BookingPatient } from './bookingValues';

/**
 * "Book appointment" with its dialog, for pages that do not hold a patient of their own: Today (the patient is
 * searched) and an owner's page (chosen among the owner's bookable pets). Shown to the roles that may book.
 */
export function BookButton({
  pets,
  label = 'Book appointment',
}: {
  pets?: BookingPatient[];
  label?: string;
}) {
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can(user.role, 'appointments.create') || pets?.length === 0) return null;
  return (
    <>
      <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <BookAppointmentModal
        opened={open}
        onClose={() => setOpen(false)}
        pets={pets}
        defaultVetId={user.role === 'veterinarian' ? user.id : undefined}
      />
    </>
  );
}
