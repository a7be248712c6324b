import { queries } from '@vetflow/db';
import { auditExportInput, auditForRecordInput, auditListInput } from '@vetflow/schema/validators';
import type { AuditIntegrity } from '../../audit/integrity';
import { auditCsvLines, CSV_HEADER, CSV_PAGE_ROWS, csvLine } from '../../audit-csv';
import { roleProcedure, router } from '../init';
import { jsonDocument } from '../output-transformer';

const notRunning: AuditIntegrity = {
  status: 'checking',
  head: null,
  problem: null,
  fullCheckAt: null,
  checkedAt: null,
};

/** A page of the timeline, its rows' snapshots (jsonb) marked as JSON documents for the answer's writer. */
async function auditPage(...args: Parameters<typeof queries.listAudit>) {
  const page = await queries.listAudit(...args);
  for (const item of page.items) {
    jsonDocument(item.oldValues);
    jsonDocument(item.newValues);
  }
  return page;
}

export const auditRouter = router({
  list: roleProcedure('admin')
    .input(auditListInput)
    .query(({ ctx, input }) => auditPage(ctx.tx, input)),

  /** The history of one owner, patient, appointment, record or staff account. */
  forRecord: roleProcedure('admin')
    .input(auditForRecordInput)
    .query(({ ctx, input }) => auditPage(ctx.tx, input)),

  /**
   * The filtered timeline as CSV, a page per call (the browser asks for the next until `nextCursor` is null), so
   * the server never holds the whole log; the first page starts with the header line.
   */
  exportCsv: roleProcedure('admin')
    .input(auditExportInput)
    .query(async ({ ctx, input }) => {
      const { timeZone, ...filter } = input;
      const page = await queries.listAudit(ctx.tx, { ...filter, limit: CSV_PAGE_ROWS });
      const header = input.cursor ? '' : csvLine(CSV_HEADER);
      return { csv: header + auditCsvLines(page.items, timeZone), nextCursor: page.nextCursor };
    }),

  /** How far the audit hash chain is verified, and its head (seal and hash) to keep elsewhere. */
  integrity: roleProcedure('admin').query(({ ctx }) => ctx.auditIntegrity?.state() ?? notRunning),
});
