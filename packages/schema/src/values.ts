/**
 * The rules that the database (CHECK constraints, enums) and the zod validators share.
 * Pure data: the browser bundle uses it too.
 */

/**
 * Staff roles, and `display`: an account for a waiting-room screen, which sees only the waiting-room board (pet
 * names, species, status and waiting time; no owner, contact or clinical data).
 */
export const USER_ROLES = ['admin', 'veterinarian', 'assistant', 'display'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** The roles of people working in the clinic: every role but the waiting-room display. */
export const STAFF_ROLES = ['admin', 'veterinarian', 'assistant'] as const satisfies readonly UserRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PATIENT_SEXES = ['male', 'female', 'unknown'] as const;
export type PatientSex = (typeof PATIENT_SEXES)[number];

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'life-threatening'] as const;
export type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];

export const APPOINTMENT_PRIORITIES = ['routine', 'urgent', 'emergency'] as const;
export type AppointmentPriority = (typeof APPOINTMENT_PRIORITIES)[number];

export const APPOINTMENT_STATUSES = [
  'scheduled',
  'confirmed',
  'checked_in',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Appointments are booked from now on. A start at most this long ago is still accepted (the patient at the desk
 * booked a minute late, a slow form); anything earlier is refused by the API, on the server's clock.
 */
export const BOOKING_GRACE_MINUTES = 15;

export const AUDIT_ACTIONS = [
  'insert',
  'update',
  'delete',
  'login',
  'login_failed',
  'login_throttled',
  'logout',
  'password_changed',
  'session_revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Tables whose row changes the database itself writes to audit_log. */
export const AUDITED_TABLES = [
  'owners',
  'patients',
  'appointments',
  'medical_records',
  'system_users',
  'appointment_types',
  'clinic_settings',
  'veterinarian_schedules',
] as const;
export type AuditedTable = (typeof AUDITED_TABLES)[number];

/**
 * Patterns written so that PostgreSQL (ARE) and JavaScript read them the same way, and linear in JavaScript's
 * backtracking engine (no two quantifiers can claim the same character; a test checks each with recheck).
 * Email: one @, no spaces, a dot in the domain with something before and after it. The domain is matched as
 * "first character, then non-dots up to the first dot after it, then the rest": the same language as
 * `[^@\s]+\.[^@\s]+`, which backtracks quadratically.
 * Phone: digits with common separators, optional leading +.
 */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s][^@\\s.]*\\.[^@\\s]+$';
export const PHONE_PATTERN = '^\\+?[0-9(][0-9 ().-]{4,28}[0-9]$';
export const MICROCHIP_PATTERN = '^[0-9A-Za-z]{9,15}$';

/**
 * Every date the clinic stores or asks about lies in this range (validators and database CHECKs): far from the
 * limits of JavaScript Dates (±275760) and of PostgreSQL (4713 BC), so no arithmetic on them can overflow.
 */
export const DATE_RANGE = { min: '1900-01-01', max: '2200-12-31' } as const;
/** The same range for instants (timestamptz): from the first moment of `min` to the last millisecond of `max`, UTC. */
export const DATETIME_RANGE = { min: '1900-01-01T00:00:00.000Z', max: '2200-12-31T23:59:59.999Z' } as const;

/**
 * A follow-up is not dated before its visit. The clinic's time zone is not known to the database, so the visit's
 * calendar date is taken where it is earliest, at UTC−12: the rule never refuses a real follow-up anywhere, and
 * refuses any date before the visit's day by more than that slack (validators and CHECK alike).
 */
export const WESTERNMOST_UTC_OFFSET_HOURS = 12;

export const LIMITS = {
  name: 120,
  email: 254,
  phone: 30,
  address: 300,
  notes: 4000,
  species: 60,
  breed: 80,
  allergen: 120,
  reaction: 300,
  allergies: 30,
  reason: 300,
  clinicalText: 8000,
  username: 40,
  microchip: 15,
  calendarDate: 10,
  passwordMin: 12,
  passwordMax: 128,
  search: 100,
  pageSize: 100,
  /** Hard plausibility limits of a visit's vitals (validators and CHECKs): a value outside is a typo, refused. */
  maxWeightKg: 1500,
  minTemperatureC: 25,
  maxTemperatureC: 45,
  maxAppointmentMinutes: 12 * 60,
  minAppointmentMinutes: 5,
  timeZone: 64,
  /** The longest a triage threshold may be (a patient waiting longer is always flagged). */
  maxTriageMinutes: 8 * 60,
} as const;

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** One day's opening hours as `HH:MM` in the clinic's time zone (`close` may be `24:00`); null = closed. */
export type DayHours = { open: string; close: string } | null;
/** Opening hours for each ISO weekday, Monday first (index 0 = Monday). */
export type OpeningHours = DayHours[];

/** What a clinic starts with (the migration writes the same): Monday to Friday 08:00–18:00, closed weekends. */
export const DEFAULT_OPENING_HOURS: OpeningHours = [
  ...Array.from({ length: 5 }, () => ({ open: '08:00', close: '18:00' })),
  null,
  null,
];
/** A veterinarian without a schedule of their own works Monday to Friday. */
export const DEFAULT_WORKING_DAYS: Weekday[] = [1, 2, 3, 4, 5];
/** The fixed id of the clinic's one settings row. */
export const CLINIC_SETTINGS_ID = '00000000-0000-4000-8000-00000000c11c';

/**
 * How long a checked-in patient may wait, per priority, before Today flags the wait (clinic settings; the migration
 * writes the same defaults): an emergency at once, urgent after 15 minutes, routine after 30.
 */
export const DEFAULT_TRIAGE_MINUTES: Record<AppointmentPriority, number> = {
  emergency: 0,
  urgent: 15,
  routine: 30,
};

/**
 * How long a finished visit stays on the waiting-room board as "ready for pick-up" (there is no pick-up status:
 * after this the board assumes the patient has gone home).
 */
export const BOARD_READY_MINUTES = 30;
