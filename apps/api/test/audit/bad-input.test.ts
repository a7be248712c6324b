/**
 * Bad input to the audit router: every refusal is BAD_REQUEST, NOT_FOUND or CONFLICT naming the field,
 * never a 500, never SQL or a stack in the body, and changes nothing (harness: support/bad-input.ts).
 */
import { describe } from 'vitest';
import { badCursors, fx, listLimits, run, useBadInputApp } from '../support/bad-input';

useBadInputApp();

describe('audit', () => {
  run([
    {
      name: 'list: to before from',
      path: 'audit.list',
      input: () => ({ from: new Date('2030-01-02'), to: new Date('2030-01-01') }),
      code: 'BAD_REQUEST',
      field: 'to',
    },
    {
      name: 'list: tableName not audited',
      path: 'audit.list',
      input: () => ({ tableName: 'sessions' }),
      code: 'BAD_REQUEST',
      field: 'tableName',
    },
    {
      name: 'list: action unknown',
      path: 'audit.list',
      input: () => ({ action: 'drop' }),
      code: 'BAD_REQUEST',
      field: 'action',
    },
    {
      name: 'list: userId malformed',
      path: 'audit.list',
      input: () => ({ userId: "' OR ''='" }),
      code: 'BAD_REQUEST',
      field: 'userId',
    },
    {
      name: 'list: search longer than a search may be',
      path: 'audit.list',
      input: () => ({ search: 'x'.repeat(101) }),
      code: 'BAD_REQUEST',
      field: 'search',
    },
    {
      name: 'exportCsv: time zone unknown',
      path: 'audit.exportCsv',
      input: () => ({ timeZone: 'Mars/Olympus' }),
      code: 'BAD_REQUEST',
      field: 'timeZone',
    },
    {
      name: 'exportCsv: time zone missing',
      path: 'audit.exportCsv',
      input: () => ({}),
      code: 'BAD_REQUEST',
      field: 'timeZone',
    },
    {
      name: 'exportCsv: to before from',
      path: 'audit.exportCsv',
      input: () => ({ timeZone: 'UTC', from: new Date('2030-01-02'), to: new Date('2030-01-01') }),
      code: 'BAD_REQUEST',
      field: 'to',
    },
    ...listLimits('audit.list', () => ({})),
    ...badCursors('audit.list', () => ({}), 1),
    {
      name: 'forRecord: recordId missing',
      path: 'audit.forRecord',
      input: () => ({ tableName: 'owners' }),
      code: 'BAD_REQUEST',
      field: 'recordId',
    },
    {
      name: 'forRecord: tableName SQL',
      path: 'audit.forRecord',
      input: () => ({ tableName: 'owners; drop table audit_log', recordId: fx.ownerId }),
      code: 'BAD_REQUEST',
      field: 'tableName',
    },
    ...badCursors('audit.forRecord', () => ({ tableName: 'owners', recordId: fx.ownerId }), 1),
  ]);
});
