import type { AppointmentPriority } from '@vetflow/schema/values';
import { addMinutes, combineDateTime, toCalendarDate, toTimeString } from '../../lib/format';

/** The booking form's values (date and time as typed; duration in minutes, as text). */
export interface BookValues {
  patientId: string;
  veterinarianId: string;
  /** The appointment type's id, or '' for none. */
  appointmentTypeId: string;
  date: string;
  time: string;
  duration: string;
  reason: string;
  priority: AppointmentPriority;
  notes: string;
}

/** Whether a form's date field holds a whole date (YYYY-MM-DD) yet. */
export const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The slot a form's date, start time and length (minutes, as text) name; null while the time is not valid. */
export function slotOf(v: Pick<BookValues, 'date' | 'time' | 'duration'>) {
  const startsAt = combineDateTime(v.date, v.time);
  return startsAt ? { startsAt, endsAt: addMinutes(startsAt, Number(v.duration)) } : null;
}

/** The patient a booking is for, when it is fixed (booked from the chart): named, with its allergies shown. */
export interface BookingPatient {
  id: string;
  name: string;
  species?: string;
  allergies?: {
    allergen: string;
    severity: 'mild' | 'moderate' | 'severe' | 'life-threatening';
    reaction?: string | null;
  }[];
}

/** A fresh form: the slot clicked, or the next quarter hour an hour from now; 30 minutes, routine. */
export function initialValues(
  patient: BookingPatient | undefined,
  start: Date | undefined,
  vetId: string | undefined,
): BookValues {
  const when = start ?? nextQuarterHour(new Date());
  return {
    patientId: patient?.id ?? '',
    veterinarianId: vetId ?? '',
    appointmentTypeId: '',
    date: toCalendarDate(when),
    time: toTimeString(when),
    duration: '30',
    reason: '',
    priority: 'routine',
    notes: '',
  };
}

function nextQuarterHour(d: Date) {
  const next = new Date(d.getTime() + 60 * 60_000);
  next.setMinutes(Math.ceil(next.getMinutes() / 15) * 15, 0, 0);
  return next;
}
