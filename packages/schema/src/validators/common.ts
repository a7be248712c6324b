import { z } from 'zod';
import { DATE_RANGE, DATETIME_RANGE, EMAIL_PATTERN, LIMITS, PHONE_PATTERN } from '../values';

/*
 * Bound before you match: zod runs every check of a schema even after one failed, unless the failing check
 * aborts. Every length cap that precedes a pattern is `abort: true`, so no pattern (and no refinement) ever runs
 * on an over-long string; and every pattern is linear besides (test/regex-safety in apps/api runs recheck).
 */

/** A string of at most `max` characters, checked before anything that follows it runs. */
export const boundedString = (max: number, required = 'Required') =>
  z.string({ error: required }).max(max, { error: `At most ${max} characters`, abort: true });

/** A UUID: at most 36 characters first, then the format. */
export const id = boundedString(36, 'Must be a valid id').check(z.uuid({ error: 'Must be a valid id' }));

/** The input of a procedure about one record: its id and nothing else. */
export const byIdInput = z.strictObject({ id });

/** Activating or deactivating one record (an owner, a patient, a staff account). */
export const setActiveInput = byIdInput.extend({ isActive: z.boolean() });

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

const emailText = z
  .string({ error: 'Required' })
  .trim()
  .max(LIMITS.email, { error: `At most ${LIMITS.email} characters`, abort: true });
const emailPattern = new RegExp(EMAIL_PATTERN);
const emailError = 'Enter a valid email address';

export const email = emailText.regex(emailPattern, { error: emailError });

/**
 * An optional patterned text: bounded first, the empty string means "none" (stored as null), anything else must
 * match. A pipe rather than a union with '', whose refusal of an over-long value would not say why.
 */
export const emptyAsNull = <T extends z.ZodType<string | null, string | null>>(
  bounded: z.ZodString,
  pattern: T,
) => bounded.transform((value) => (value === '' ? null : value)).pipe(pattern);

/** An email or nothing. */
export const optionalEmail = emptyAsNull(
  emailText,
  z.string().regex(emailPattern, { error: emailError }).nullable(),
).nullish();

export const phone = z
  .string({ error: 'Required' })
  .trim()
  .max(LIMITS.phone, { error: `At most ${LIMITS.phone} characters`, abort: true })
  .regex(new RegExp(PHONE_PATTERN), { error: 'Enter a valid phone number (digits, spaces, + ( ) . -)' });

const DATE_FORMAT = 'Enter a date as YYYY-MM-DD';
const dateRangeMessage = `Must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`;

/**
 * A calendar date as `YYYY-MM-DD` (no time zone): birthdays, follow-ups. Bounded, then the format, then the
 * clinic's date range (ISO dates compare as strings); the database CHECKs the same range.
 */
export const calendarDate = boundedString(LIMITS.calendarDate, DATE_FORMAT)
  .check(z.iso.date({ error: DATE_FORMAT, abort: true }))
  .refine((d) => d >= DATE_RANGE.min && d <= DATE_RANGE.max, { error: dateRangeMessage, abort: true });

const earliest = new Date(DATETIME_RANGE.min);
const latest = new Date(DATETIME_RANGE.max);

/**
 * An instant (a Date) within the clinic's date range: every datetime input, stored or only compared, so that
 * neither JavaScript date arithmetic nor PostgreSQL ever sees a year it cannot represent.
 */
export const dateTime = (required = 'Required') =>
  z
    .date({ error: required })
    .min(earliest, { error: dateRangeMessage, abort: true })
    .max(latest, { error: dateRangeMessage, abort: true });

export const weightKg = z
  .number({ error: 'Must be a number' })
  .positive({ error: 'Must be greater than 0' })
  .max(LIMITS.maxWeightKg, { error: `At most ${LIMITS.maxWeightKg} kg` })
  .multipleOf(0.01, { error: 'At most two decimals' });

/** The `updatedAt` the caller saw: a save is refused when the row changed since (no lost updates). */
export const expectedUpdatedAt = dateTime('updatedAt (the version you edited) is required');

export const pageInput = {
  cursor: boundedString(200).nullish(),
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
