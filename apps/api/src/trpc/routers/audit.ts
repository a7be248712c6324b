import { queries } from '@vetflow/db';
import { auditForRecordInput, auditListInput } from '@vetflow/schema/validators';
import { router, userProcedure } from '../init';

export const auditRouter = router({
  list: userProcedure.input(auditListInput).query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),

  /** The history of one owner, patient, appointment, record or staff account. */
  forRecord: userProcedure
    .input(auditForRecordInput)
    .query(({ ctx, input }) => queries.listAudit(ctx.tx, input)),
});
