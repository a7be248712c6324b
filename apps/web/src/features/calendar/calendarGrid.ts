import type { RouterOutputs } from '../../lib/trpc';

export type Appointment = RouterOutputs['appointments']['list'][number];

/** The grid's rows: half-hour slots, 44 px high. */
export const SLOT_MINUTES = 30;
export const SLOT_HEIGHT = 44;

/** One column of the grid: a veterinarian's day (day view), or one day of one veterinarian (week view). */
export interface Column {
  key: string;
  title: string;
  day: Date;
  vetId: string;
  vetName: string;
  appointments: Appointment[];
}
