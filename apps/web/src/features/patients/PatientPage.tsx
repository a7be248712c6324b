import { Grid, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AllergyAlert } from '../../components/AllergyAlert';
import { RouteError } from '../../components/RouteStates';
import { usePollWhileNotLive } from '../../lib/live';
import { useCurrentUser } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { BookAppointmentModal } from '../appointments/BookAppointmentModal';
import { MedicalHistory } from '../medical-records/MedicalHistory';
import { WeightCard } from '../medical-records/WeightCard';
import { PastAppointments } from './PastAppointments';
import { PatientFacts } from './PatientFacts';
import { PatientHeader } from './PatientHeader';
import { RegisteredNotice } from './RegisteredNotice';
import { UpcomingAppointments } from './UpcomingAppointments';

const route = getRouteApi('/app/patients/$patientId');
/** How often the chart is refetched while live updates are not up. */
const PATIENT_REFRESH_MS = 30_000;

/** The patient's chart: header and actions, facts, allergies, medical history, appointments, weight. */
export function PatientPage() {
  const trpc = useTRPC();
  const { patientId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/patients/$patientId' });
  const user = useCurrentUser();
  // The chart follows the clinic without a reload: a booking, a check-in, a vet's new record or a change to the
  // patient invalidates these through live updates (lib/live.ts); only while those are not up is it polled.
  const poll = usePollWhileNotLive(PATIENT_REFRESH_MS);
  const patient = useQuery({
    ...trpc.patients.get.queryOptions({ id: patientId }),
    refetchInterval: poll,
    refetchIntervalInBackground: false,
  });
  // Asked for alongside the patient, not after it.
  const records = useQuery({
    ...trpc.medicalRecords.listForPatient.queryOptions({ patientId }),
    refetchInterval: poll,
    refetchIntervalInBackground: false,
  });
  const vets = useQuery(trpc.users.veterinarians.queryOptions());
  const [bookOpen, setBookOpen] = useState(!!search.book);

  if (patient.isError) return <RouteError error={patient.error} reset={() => patient.refetch()} />;
  if (patient.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading patient">
        <Skeleton height={40} width="40%" />
        <Skeleton height={120} />
        <Skeleton height={300} />
      </Stack>
    );
  }
  const p = patient.data;
  const vetName = (id: string) => vets.data?.find((v) => v.id === id)?.fullName ?? 'Veterinarian';

  return (
    <Stack gap="md">
      <PatientHeader patient={p} user={user} onBook={() => setBookOpen(true)} />
      <RegisteredNotice patient={p} />
      <PatientFacts patient={p} />
      <AllergyAlert allergies={p.allergies} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <MedicalHistory records={records} user={user} allergies={p.allergies} lastWeightKg={p.weightKg} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <UpcomingAppointments
              appointments={p.upcomingAppointments}
              bookable={!p.deceasedAt && p.isActive}
              vetName={vetName}
            />
            <PastAppointments appointments={p.pastAppointments} />
            <WeightCard weightHistory={p.weightHistory} />
          </Stack>
        </Grid.Col>
      </Grid>
      <BookAppointmentModal
        opened={bookOpen}
        onClose={() => {
          setBookOpen(false);
          if (search.book) void navigate({ search: {}, replace: true });
        }}
        patient={{ id: p.id, name: p.name, species: p.species, allergies: p.allergies }}
        defaultVetId={user.role === 'veterinarian' ? user.id : undefined}
      />
    </Stack>
  );
}
