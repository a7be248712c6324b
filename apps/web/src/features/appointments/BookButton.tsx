import { Button } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { can } from '../../lib/roles';
import { useCurrentUser } from '../../lib/session';
import type { BookingPatient } from './bookingValues';

// The booking form (patient search, vet and time pickers, the validators) loads when the dialog is first opened:
// Today's first screen shows only the button, and its code need not wait for the form's.
const BookAppointmentModal = lazy(() =>
  import('./BookAppointmentModal').then((m) => ({ default: m.BookAppointmentModal })),
);

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
  // Mounted from the first opening on (not only while open), so that closing keeps the dialog's transition.
  const [wanted, setWanted] = useState(false);
  if (!can(user.role, 'appointments.create') || pets?.length === 0) return null;
  return (
    <>
      <Button
        leftSection={<IconCalendarPlus size={16} aria-hidden />}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {wanted && (
        <Suspense fallback={null}>
          <BookAppointmentModal
            opened={open}
            onClose={() => setOpen(false)}
            pets={pets}
            defaultVetId={user.role === 'veterinarian' ? user.id : undefined}
          />
        </Suspense>
      )}
    </>
  );
}
