import { z } from 'zod';
import { EMAIL_PATTERN, LIMITS, PHONE_PATTERN } from '../values';

export const id = z.uuid({ error: 'Must be a valid id' });

/** A required single-line text: trimmed, not empty, bounded. */
export const requiredText = (max: number) =>
  z
    .string({ error: 'Required' })
    .trim()
    .min(1, { error: 'Required' })
    .max(max, { error: `At most ${max} characters` });

/** An optional text: trimmed, bounded; an empty string means "none" and is stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters` })
    .transform((value) => (value === '' ? null : value))
    .nullish();

export const email = z
  .string({ error: 'Required' })
  .trim()
  .max(LIMITS.email, { error: `At most ${LIMITS.email} characters` })
  .regex(new RegExp(EMAIL_PATTERN), { error: 'Enter a valid email address' });

export const optionalEmail = z
  .union([z.literal(''), email])
  .transform((value) => (value === '' ? null : value))
  .nullish();

export const phone = z
  .string({ error: 'Required' })
  .trim()
  .max(LIMITS.phone, { error: `At most ${LIMITS.phone} characters` })
  .regex(new RegExp(PHONE_PATTERN), { error: 'Enter a valid phone number (digits, spaces, + ( ) . -)' });

/** A calendar date as `YYYY-MM-DD` (no time zone): birthdays, follow-ups. PostgreSQL has no year 0000. */
export const calendarDate = z.iso
  .date({ error: 'Enter a date as YYYY-MM-DD' })
  .refine((d) => !d.startsWith('0000'), { error: 'Enter a date as YYYY-MM-DD' });

export const weightKg = z
  .number({ error: 'Must be a number' })
  .positive({ error: 'Must be greater than 0' })
  .max(LIMITS.maxWeightKg, { error: `At most ${LIMITS.maxWeightKg} kg` })
  .multipleOf(0.01, { error: 'At most two decimals' });

/** The `updatedAt` the caller saw: a save is refused when the row changed since (no lost updates). */
export const expectedUpdatedAt = z.date({ error: 'updatedAt (the version you edited) is required' });

export const pageInput = {
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(LIMITS.pageSize).default(25),
  /** Sent by TanStack Query's infinite queries; pages only go forward, so it is accepted and ignored. */
  direction: z.enum(['forward', 'backward']).optional(),
};

export const searchText = z
  .string()
  .trim()
  .max(LIMITS.search, { error: `At most ${LIMITS.search} characters` });

export const password = z
  .string({ error: 'Required' })
  .min(LIMITS.passwordMin, { error: `At least ${LIMITS.passwordMin} characters` })
  .max(LIMITS.passwordMax, { error: `At most ${LIMITS.passwordMax} characters` });
