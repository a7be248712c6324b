import { queries } from '@vetflow/db';
import { auditForRecordInput, auditListInput } from '@vetflow/schema/validators';
import type { AuditIntegrity } from '../../audit/integrity';
import { roleProcedure, router } from '../init';

const notRunning: AuditIntegrity = {
  status: 'checking',
  head: null,
  problem: null,
  fullCheckAt: null,
  checkedAt: null,
};

export const auditRouter = router({
  list: roleProcedure('admin')
    .input(auditListInput)
    .query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),

  /** The history of one owner, patient, appointment, record or staff account. */
  forRecord: roleProcedure('admin')
    .input(auditForRecordInput)
    .query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),

  /** How far the audit hash chain is verified, and its head (seal and hash) to keep elsewhere. */
  integrity: roleProcedure('admin').query(({ ctx }) => ctx.auditIntegrity?.state() ?? notRunning),
});
