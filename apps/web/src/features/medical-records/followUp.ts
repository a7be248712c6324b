import { toCalendarDate } from '@vetflow/schema/calendar-date';
import { FOLLOW_UP_BEFORE_VISIT } from '@vetflow/schema/validators';

/**
 * The browser's check of a follow-up date: not before the visit's calendar day as the person at the desk sees it
 * (local time, exactly; the same day is fine). The server's check is looser on purpose, since it cannot know the
 * clinic's zone (it allows the westernmost zone's date); this one catches the slip where it is made.
 */
export function followUpProblem(followUpOn: string, visitedAt: Date): string | null {
  if (!followUpOn) return null;
  return followUpOn < toCalendarDate(visitedAt) ? FOLLOW_UP_BEFORE_VISIT : null;
}
