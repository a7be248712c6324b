/**
 * Free slots for the side-by-side bench's bookings (appointments.create): every request books a slot of its own,
 * as the desk does, so no request is refused as a double booking. Each slot has a start no other slot has
 * (30-minute steps through the clinic's opening hours, years ahead of any appointment in the data), a vet who works
 * that day (round robin among the active vets) and a patient (round robin): free for vet and patient alike, and
 * inside the opening hours, so the booking runs every check the desk's does.
 */
import { type Executor, queries } from '@vetflow/db';

export interface BookingSlot {
  veterinarianId: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
}

const SLOT_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

export async function bookingSlots(
  db: Executor,
  options: { count: number; patientIds: string[]; excludeVets: string[]; from: Date },
): Promise<BookingSlot[]> {
  const schedule = await queries.getClinicSchedule(db);
  const vets = (await queries.listActiveVeterinarians(db))
    .map((v) => v.id)
    .filter((id) => !options.excludeVets.includes(id));
  if (vets.length === 0 || options.patientIds.length === 0) throw new Error('no vets or patients to book');
  const slots: BookingSlot[] = [];
  let vetTurn = 0;
  for (let day = 0; slots.length < options.count && day < 20_000; day++) {
    const date = new Date(options.from.getTime() + day * DAY_MS).toISOString().slice(0, 10);
    const open = queries.openInterval(schedule, date);
    if (!open) continue;
    for (let t = open.startsAt.getTime(); t + SLOT_MS <= open.endsAt.getTime(); t += SLOT_MS) {
      const slot = { startsAt: new Date(t), endsAt: new Date(t + SLOT_MS) };
      // The next vet in turn who works that day (outsideHours: the rule the booking itself checks).
      for (let tries = 0; tries < vets.length; tries++) {
        const vet = vets[vetTurn++ % vets.length]!;
        if ((await queries.outsideHours(db, vet, slot)) === null) {
          slots.push({
            ...slot,
            veterinarianId: vet,
            patientId: options.patientIds[slots.length % options.patientIds.length]!,
          });
          break;
        }
      }
      if (slots.length >= options.count) break;
    }
  }
  if (slots.length < options.count) throw new Error(`only ${slots.length} free slots found`);
  return slots;
}
