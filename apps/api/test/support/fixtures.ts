import type { TestClient } from './client';

/** Creates an owner with one dog through the API, as `client`. */
export async function createOwnerWithPet(client: TestClient, suffix = '') {
  const owner = await client.trpc.owners.create.mutate({
    firstName: `Olive${suffix}`,
    lastName: 'Owner',
    phone: '+1 555 010 2030',
    email: `olive${suffix}.owner@example.com`,
  });
  const patient = await client.trpc.patients.create.mutate({
    ownerId: owner.id,
    name: `Rex${suffix}`,
    species: 'Dog',
    weightKg: 21.5,
    allergies: [{ allergen: 'Penicillin', severity: 'life-threatening', reaction: 'Anaphylaxis' }],
  });
  return { owner, patient };
}

/** A fixed slot tomorrow at `hour`:`minute` local time, lasting `minutes`. */
export function slot(hour: number, minute = 0, minutes = 30, dayOffset = 1) {
  const start = new Date();
  start.setDate(start.getDate() + dayOffset);
  start.setHours(hour, minute, 0, 0);
  return { startsAt: start, endsAt: new Date(start.getTime() + minutes * 60_000) };
}
