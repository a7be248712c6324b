import {
  ACTION_LABELS,
  type AuditName,
  auditDiff,
  recordKind,
  recordName,
} from '@vetflow/schema/audit-display';
import type { AuditAction } from '@vetflow/schema/values';

/** Rows of the audit timeline fetched per export call: bounded memory whatever the size of the log. */
export const CSV_PAGE_ROWS = 500;

export const CSV_HEADER = [
  'When',
  'Who',
  'Action',
  'Record type',
  'Record',
  'Changes',
  'IP address',
  'Request id',
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell a spreadsheet would read
 * as a formula (starting with = + - @, or a tab or carriage return that hides one) is prefixed with ' (OWASP
 * "CSV injection"), so a name typed as `=HYPERLINK(…)` stays text.
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: (string | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;

interface ExportRow {
  occurredAt: Date;
  actor: string;
  action: AuditAction;
  tableName: string | null;
  recordId: string | null;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  changedFields: string[] | null;
  accountFullName: string | null;
  ip: string | null;
  requestId: string | null;
  names: Record<string, AuditName>;
}

/** Formats an audit page as CSV lines, times in `timeZone` (the browser's): what the timeline shows, as text. */
export function auditCsvLines(rows: ExportRow[], timeZone: string): string {
  // "2026-11-25 10:30" sorts as text in a spreadsheet; values read as on screen ("25 Nov 2026, 10:30").
  const when = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  const value = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const formatDateTime = (d: Date) => value.format(d);
  return rows
    .map((e) => {
      const changes = auditDiff(e, { formatDateTime, names: e.names })
        .map((d) =>
          e.action === 'update'
            ? `${d.label}: ${d.before ?? '—'} → ${d.after ?? '—'}`
            : `${d.label}: ${d.after ?? d.before ?? '—'}`,
        )
        .join('\n');
      const isRowChange = ['insert', 'update', 'delete'].includes(e.action);
      return csvLine([
        when.format(e.occurredAt),
        e.actor,
        ACTION_LABELS[e.action],
        e.tableName ? recordKind(e.tableName) : null,
        isRowChange ? recordName(e, formatDateTime) : e.accountFullName,
        changes,
        e.ip,
        e.requestId,
      ]);
    })
    .join('');
}
