import { z } from 'zod';
import { AUDIT_ACTIONS, AUDITED_TABLES } from '../values';
import { dateTime, id, pageInput, searchText } from './common';

/** The timeline's filters, shared by the list and its CSV export. */
const auditFilters = {
  userId: id.optional(),
  tableName: z.enum(AUDITED_TABLES).optional(),
  recordId: id.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** The name of the owner, pet or staff account the entries are about. */
  search: searchText.optional(),
  from: dateTime().optional(),
  to: dateTime().optional(),
};
const toAfterFrom = [
  (v: { from?: Date | undefined; to?: Date | undefined }) => !v.from || !v.to || v.to > v.from,
  { path: ['to'], error: 'Must be after "from"' },
] as [(v: { from?: Date; to?: Date }) => boolean, { path: string[]; error: string }];

export const auditListInput = z.strictObject({ ...auditFilters, ...pageInput }).refine(...toAfterFrom);

/** An IANA time zone the runtime knows ("Europe/London"): the export writes its times in it. */
const timeZone = z
  .string()
  .max(64, { error: 'At most 64 characters' })
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Not a known time zone' },
  );

/** One page of the filtered timeline as CSV (the header comes with the first page, the one without a cursor). */
export const auditExportInput = z
  .strictObject({ ...auditFilters, timeZone, cursor: pageInput.cursor })
  .refine(...toAfterFrom);

export const auditForRecordInput = z.strictObject({
  tableName: z.enum(AUDITED_TABLES),
  recordId: id,
  ...pageInput,
});
