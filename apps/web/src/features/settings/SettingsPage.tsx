import { Grid, Stack, Title } from '@mantine/core';
import { AppointmentTypes } from './AppointmentTypes';
import { OpeningHours } from './OpeningHours';
import { Triage } from './Triage';
import { WorkingDays } from './WorkingDays';

/** Clinic settings (admins): appointment types, opening hours and time zone, the vets' working days, triage. */
export function SettingsPage() {
  return (
    <Stack>
      <Title order={1}>Clinic settings</Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <AppointmentTypes />
            <WorkingDays />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <OpeningHours />
            <Triage />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
