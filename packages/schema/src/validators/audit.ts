import { z } from 'zod';
import { AUDIT_ACTIONS, AUDITED_TABLES } from '../values';
import { dateTime, id, pageInput } from './common';

export const auditListInput = z
  .strictObject({
    userId: id.optional(),
    tableName: z.enum(AUDITED_TABLES).optional(),
    recordId: id.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: dateTime().optional(),
    to: dateTime().optional(),
    ...pageInput,
  })
  .refine((v) => !v.from || !v.to || v.to > v.from, { path: ['to'], error: 'Must be after "from"' });

export const auditForRecordInput = z.strictObject({
  tableName: z.enum(AUDITED_TABLES),
  recordId: id,
  ...pageInput,
});
