import { queries } from '@vetflow/db';
import { auditForRecordInput, auditListInput } from '@vetflow/schema/validators';
import { roleProcedure, router } from '../init';

export const auditRouter = router({
  list: roleProcedure('admin')
    .input(auditListInput)
    .query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),

  /** The history of one owner, patient, appointment, record or staff account. */
  forRecord: roleProcedure('admin')
    .input(auditForRecordInput)
    .query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),
});
