import { z } from 'zod';
import { APPOINTMENT_PRIORITIES, APPOINTMENT_STATUSES, BOOKING_GRACE_MINUTES, LIMITS } from '../values';
import { dateTime, expectedUpdatedAt, id, optionalText, requiredText } from './common';

const MINUTE = 60_000;

/** A time slot: ends after it starts and lasts at most LIMITS.maxAppointmentMinutes. */
const slot = {
  startsAt: dateTime(),
  endsAt: dateTime(),
};
type Slot = { startsAt: Date; endsAt: Date };
const checkSlot = (value: Slot, ctx: z.RefinementCtx) => {
  if (value.endsAt.getTime() <= value.startsAt.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Must be after the start' });
  } else if (value.endsAt.getTime() - value.startsAt.getTime() > LIMITS.maxAppointmentMinutes * MINUTE) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: `An appointment lasts at most ${LIMITS.maxAppointmentMinutes / 60} hours`,
    });
  }
};

/** An explicit "book anyway": the slot lies outside opening hours or on the vet's day off, and that is meant. */
const outsideHours = z.boolean().default(false);

export const PAST_START_MESSAGE = `Cannot start in the past (more than ${BOOKING_GRACE_MINUTES} minutes ago)`;

/** Whether a booking at `startsAt` starts in the past beyond the grace (values.ts BOOKING_GRACE_MINUTES). */
export const startsInThePast = (startsAt: Date, now: Date) =>
  startsAt.getTime() < now.getTime() - BOOKING_GRACE_MINUTES * MINUTE;

export const appointmentCreateInput = z
  .strictObject({
    patientId: id,
    veterinarianId: id,
    ...slot,
    reason: requiredText(LIMITS.reason),
    priority: z
      .enum(APPOINTMENT_PRIORITIES, { error: `One of: ${APPOINTMENT_PRIORITIES.join(', ')}` })
      .default('routine'),
    notes: optionalText(LIMITS.notes),
    appointmentTypeId: id.nullish(),
    outsideHours,
  })
  .superRefine(checkSlot);

export const appointmentRescheduleInput = z
  .strictObject({ id, updatedAt: expectedUpdatedAt, veterinarianId: id.optional(), ...slot, outsideHours })
  .superRefine(checkSlot);

export const appointmentSetStatusInput = z.strictObject({
  id,
  status: z.enum(APPOINTMENT_STATUSES, { error: `One of: ${APPOINTMENT_STATUSES.join(', ')}` }),
});

export const appointmentCancelInput = z.strictObject({ id, reason: requiredText(LIMITS.reason) });

const MAX_RANGE_DAYS = 42;
export const appointmentListInput = z
  .strictObject({
    from: dateTime(),
    to: dateTime(),
    veterinarianId: id.optional(),
    patientId: id.optional(),
    includeCancelled: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.to.getTime() <= value.from.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be after "from"' });
    } else if (value.to.getTime() - value.from.getTime() > MAX_RANGE_DAYS * 24 * 60 * MINUTE) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `A range spans at most ${MAX_RANGE_DAYS} days` });
    }
  });

export type AppointmentCreateInput = z.input<typeof appointmentCreateInput>;
