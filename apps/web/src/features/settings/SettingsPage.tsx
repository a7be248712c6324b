import { Grid, Stack, Title } from '@mantine/core';
import { AppointmentTypes } from './AppointmentTypes';
import { OpeningHours } from './OpeningHours';
import { WorkingDays } from './WorkingDays';

/** Clinic settings (admins): appointment types, opening hours and time zone, the vets' working days. */
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
          <OpeningHours />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
